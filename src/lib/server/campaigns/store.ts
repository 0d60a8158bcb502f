import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { auditStatement, type Actor } from '../audit';
import type { Db } from '../db/client';
import {
	campaignCourses,
	campaignMembers,
	campaignRegions,
	campaigns,
	type Campaign,
	type CampaignStatus
} from '../db/schema';
import { generateCode } from './codes';
import { provinceDay, provinceDaySql } from '../dates';
import type { CampaignInput } from './form';

function detailRows(db: Db, id: string, input: CampaignInput) {
	return [
		db.delete(campaignCourses).where(eq(campaignCourses.campaignId, id)),
		db.delete(campaignRegions).where(eq(campaignRegions.campaignId, id)),
		db
			.insert(campaignCourses)
			.values(
				input.courses.map((courseSlug, position) => ({ campaignId: id, courseSlug, position }))
			),
		db
			.insert(campaignRegions)
			.values(input.regions.map((regionId) => ({ campaignId: id, regionId })))
	] as const;
}

export async function createCampaign(
	db: Db,
	organizationId: string,
	createdBy: string | null,
	input: CampaignInput
): Promise<Campaign> {
	const campaign: Campaign = {
		id: crypto.randomUUID(),
		organizationId,
		title: input.title,
		joinCode: generateCode(),
		audience: input.audience,
		targetSize: input.targetSize,
		startsOn: input.startsOn,
		endsOn: input.endsOn,
		status: 'active',
		createdBy,
		createdAt: new Date()
	};
	await db.batch([db.insert(campaigns).values(campaign), ...detailRows(db, campaign.id, input)]);
	return campaign;
}

export async function updateCampaign(db: Db, id: string, input: CampaignInput): Promise<void> {
	const { title, audience, targetSize, startsOn, endsOn } = input;
	await db.batch([
		db
			.update(campaigns)
			.set({ title, audience, targetSize, startsOn, endsOn })
			.where(eq(campaigns.id, id)),
		...detailRows(db, id, input)
	]);
}

/**
 * The audit action of a status change, or null when the change is not allowed. A closed campaign can
 * only be reopened (to active); events recorded while it was closed stay unattributed (see below).
 */
export function statusChange(from: CampaignStatus, to: CampaignStatus): string | null {
	if (from === to) return null;
	if (from === 'closed') return to === 'active' ? 'campaign.reopened' : null;
	return `campaign.${to}`;
}

/** Changes a campaign's status and writes its audit row in one batch: no change goes unrecorded. */
export async function setCampaignStatus(
	db: Db,
	campaign: Pick<Campaign, 'id' | 'status'>,
	status: CampaignStatus,
	actor: Actor
): Promise<boolean> {
	const action = statusChange(campaign.status, status);
	if (!action) return false;
	await db.batch([
		db.update(campaigns).set({ status }).where(eq(campaigns.id, campaign.id)),
		auditStatement(db, actor, action, campaign.id)
	]);
	return true;
}

/** A campaign of this organization, or nothing: ids in URLs never reach another organization's data. */
export async function findOwnCampaign(db: Db, id: string, organizationId: string) {
	const campaign = await db.query.campaigns.findFirst({
		where: and(eq(campaigns.id, id), eq(campaigns.organizationId, organizationId))
	});
	if (!campaign) return null;
	const courses = await db
		.select()
		.from(campaignCourses)
		.where(eq(campaignCourses.campaignId, id))
		.orderBy(asc(campaignCourses.position));
	const regions = await db.select().from(campaignRegions).where(eq(campaignRegions.campaignId, id));
	return {
		...campaign,
		courses: courses.map((c) => c.courseSlug),
		regions: regions.map((r) => r.regionId)
	};
}

export function campaignsOf(db: Db, organizationId: string) {
	return db
		.select()
		.from(campaigns)
		.where(eq(campaigns.organizationId, organizationId))
		.orderBy(desc(campaigns.createdAt));
}

export async function findByCode(db: Db, code: string) {
	const campaign = await db.query.campaigns.findFirst({ where: eq(campaigns.joinCode, code) });
	if (!campaign) return null;
	const courses = await db
		.select()
		.from(campaignCourses)
		.where(eq(campaignCourses.campaignId, campaign.id))
		.orderBy(asc(campaignCourses.position));
	return { ...campaign, courses: courses.map((c) => c.courseSlug) };
}

export type JoinState = 'open' | 'paused' | 'closed' | 'not-started' | 'ended';

/** Whether people can join (and learning counts for it) today, in the province's calendar. */
export function joinState(
	campaign: Pick<Campaign, 'status' | 'startsOn' | 'endsOn'>,
	today = provinceDay()
): JoinState {
	if (campaign.status !== 'active') return campaign.status;
	if (today < campaign.startsOn) return 'not-started';
	if (today > campaign.endsOn) return 'ended';
	return 'open';
}

export async function joinCampaign(
	db: Db,
	campaignId: string,
	learnerId: string,
	now = new Date()
): Promise<void> {
	await db
		.insert(campaignMembers)
		.values({ campaignId, learnerId, joinedAt: now })
		.onConflictDoNothing();
}

/**
 * The statement that attributes events (just inserted; `eventIds` is a subquery of their ids) to every
 * campaign each counts for: campaigns the learner had joined before the event, that include its course,
 * that were active on the event's day in the province (UTC+7). One statement for a whole batch.
 */
export function attributeEvents(db: Db, eventIds: SQL) {
	return db.run(sql`
		INSERT OR IGNORE INTO event_campaigns (event_id, campaign_id)
		SELECT e.id, m.campaign_id
		FROM learning_events e
		JOIN campaign_members m ON m.learner_id = e.learner_id AND m.joined_at <= e.occurred_at
		JOIN campaigns c ON c.id = m.campaign_id AND c.status = 'active'
		JOIN campaign_courses cc ON cc.campaign_id = c.id AND cc.course_slug = e.course_slug
		WHERE e.id IN (${eventIds})
			AND ${provinceDaySql(sql`e.occurred_at`)} BETWEEN c.starts_on AND c.ends_on
	`);
}
