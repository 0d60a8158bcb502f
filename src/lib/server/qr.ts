import QRCode from 'qrcode';

/** A QR code as inline SVG, made on the server: nothing extra ships to the phone. */
export function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, {
		type: 'svg',
		margin: 1,
		errorCorrectionLevel: 'M',
		color: { dark: '#000000', light: '#ffffff' }
	});
}
