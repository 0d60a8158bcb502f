/** The part of autocannon 9's programmatic API the stress tests use (the package ships no types). */
declare module 'autocannon' {
	export interface RawRequest {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string | Buffer;
	}
	export interface RequestSpec extends RawRequest {
		setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest;
		onResponse?: (
			status: number,
			body: string,
			context: Record<string, unknown>,
			headers: Record<string, string>
		) => void;
	}
	export interface Options {
		url: string;
		connections?: number;
		duration?: number;
		timeout?: number;
		pipelining?: number;
		headers?: Record<string, string>;
		requests?: RequestSpec[];
	}
	export interface Histogram {
		average: number;
		mean: number;
		p50: number;
		p99: number;
		max: number;
	}
	export interface Result {
		latency: Histogram;
		requests: Histogram;
		errors: number;
		timeouts: number;
		non2xx: number;
		statusCodeStats: Record<string, { count: number }>;
		duration: number;
		'1xx': number;
		'2xx': number;
		'3xx': number;
		'4xx': number;
		'5xx': number;
	}
	function autocannon(options: Options): Promise<Result>;
	export default autocannon;
}
