import type { AlertKind } from '@anju/shared';
import { op } from '../../infra/db.ts';
import { isDuplicateKey } from '../../infra/errors.ts';
import type { Services } from '../../services.ts';
import { requestRematch } from '../matching/rematch.ts';
import type { AlertDoc, FollowUpDoc } from './model.ts';
import { householdIncome, latestPerResident, type IncomeRecord } from './monitoring.ts';

type RecordedFollowUp = FollowUpDoc & { status: 'recorded'; monthlyIncome: number };

/**
 * What a recorded follow-up means for its household (防返贫监测): a lost job raises an alert and asks for
 * the person's re-matching; a household whose members' latest incomes ÷ its size fall under
 * MONITORING_LINE_MONTHLY_PER_CAPITA raises an alert for that month and asks for every member's
 * re-matching. Alerts and requests are keyed, so recording again (a correction) raises nothing twice.
 * Returns the kinds raised or confirmed.
 *
 * The household may span follow-ups the recorder does not see (another worker's, ad-hoc ones by staff);
 * the follow-up in hand was reached through the caller's scope, and its household follows from it.
 */
export async function assessFollowUp(services: Services, followUp: FollowUpDoc): Promise<AlertKind[]> {
  if (followUp.status !== 'recorded' || followUp.monthlyIncome === undefined) return [];
  const recorded = followUp as RecordedFollowUp;
  const { followups, households, residents, alerts } = services.models;
  const raised: AlertKind[] = [];
  const base = {
    townshipCode: recorded.townshipCode,
    residentId: recorded.residentId,
    followUpId: recorded._id,
    month: recorded.month,
    ...(recorded.gridId === undefined ? {} : { gridId: recorded.gridId }),
    ...(recorded.assignedTo === undefined ? {} : { assignedTo: recorded.assignedTo }),
  };

  const householdId =
    recorded.householdId ??
    (await residents.findById(recorded.residentId, { householdId: 1 }).lean())?.householdId;
  if (householdId === undefined) return raised;

  if (recorded.jobStatus === 'job-lost') {
    await raise(`job-lost:${recorded._id.toString()}`, { ...base, kind: 'job-lost', householdId }, {});
    await requestRematch(services, {
      residentId: recorded.residentId,
      townshipCode: recorded.townshipCode,
      reason: 'job-lost',
      source: `followup:${recorded._id.toString()}`,
    });
    raised.push('job-lost');
  }

  const [household, members, records] = await Promise.all([
    households.findById(householdId, { size: 1 }).lean(),
    residents.find({ householdId }, { _id: 1, townshipCode: 1 }).lean(),
    followups
      .find(
        { householdId, status: 'recorded', month: op({ $lte: recorded.month }) },
        { residentId: 1, month: 1, monthlyIncome: 1, recordedAt: 1, updatedAt: 1 },
      )
      .lean(),
  ]);
  const incomes: IncomeRecord[] = records.map((record) => ({
    residentId: record.residentId.toString(),
    month: record.month,
    monthlyIncome: record.monthlyIncome ?? 0,
    recordedAt: record.recordedAt ?? record.updatedAt,
  }));
  const line = services.config.MONITORING_LINE_MONTHLY_PER_CAPITA;
  const income = householdIncome(
    latestPerResident(incomes, recorded.month),
    household?.size ?? members.length,
    line,
  );
  if (income.belowLine) {
    await raise(
      `income-below-line:${householdId.toString()}:${recorded.month}`,
      { ...base, kind: 'income-below-line', householdId },
      {
        householdIncome: income.householdIncome,
        householdSize: income.householdSize,
        perCapitaIncome: income.perCapitaIncome,
        line,
      },
    );
    for (const member of members)
      await requestRematch(services, {
        residentId: member._id,
        townshipCode: member.townshipCode,
        reason: 'income-below-line',
        source: `household:${householdId.toString()}:${recorded.month}`,
      });
    raised.push('income-below-line');
  }
  return raised;

  /** Inserts the alert once per key; later assessments only refresh its figures. */
  async function raise(
    alertKey: string,
    identity: Omit<AlertDoc, '_id' | 'alertKey' | 'status' | 'createdAt' | 'updatedAt'>,
    figures: Partial<AlertDoc>,
  ): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await alerts.updateOne(
          { alertKey },
          {
            $setOnInsert: { ...identity, alertKey, status: 'open' },
            ...(Object.keys(figures).length === 0 ? {} : { $set: figures }),
          },
          { upsert: true },
        );
        return;
      } catch (error) {
        // Two recordings of one household at once: the loser's upsert finds the key taken; try again.
        if (!isDuplicateKey(error)) throw error;
      }
    }
  }
}
