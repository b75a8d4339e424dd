import type { Model, Types } from 'mongoose';
import type { RecommendationDoc } from './model.ts';

export type NewRecommendation = Omit<RecommendationDoc, '_id' | 'createdAt' | 'updatedAt'>;

/**
 * The write side of recommendations, used by the matching jobs after they read their residents through
 * the requester's scope; reads go through `services.scoped('recommendations', principal)`.
 */
export class RecommendationStore {
  readonly model: Model<RecommendationDoc>;

  constructor(model: Model<RecommendationDoc>) {
    this.model = model;
  }

  /**
   * Starts (or restarts) a job's output: removes whatever an earlier, interrupted attempt of the same job
   * wrote. Rows are read only once their job has completed, so nobody sees the gap.
   */
  async clear(jobId: Types.ObjectId): Promise<number> {
    const result = await this.model.deleteMany({ jobId });
    return result.deletedCount;
  }

  /**
   * Inserts rows; the unique key (job, resident, opening) turns a row written twice (two workers running
   * the same job after a lost lock) into a skipped duplicate, never a second row. Returns how many
   * were new.
   */
  async insertMany(recommendations: readonly NewRecommendation[]): Promise<number> {
    if (recommendations.length === 0) return 0;
    try {
      // lean: the rows are built by the job from typed values; skipping casting matters at county scale.
      const now = new Date();
      const inserted = await this.model.insertMany(
        recommendations.map((row) => ({ ...row, createdAt: now, updatedAt: now })),
        { ordered: false, lean: true },
      );
      return inserted.length;
    } catch (error) {
      const failed = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
      if (!Array.isArray(failed) || failed.some((item) => (item.code ?? item.err?.code) !== 11000))
        throw error;
      return recommendations.length - failed.length;
    }
  }

  /** Keeps the copied consent in step when a resident changes it (employers' scope filter reads it). */
  async syncConsent(residentId: Types.ObjectId, shareWithEmployers: boolean): Promise<void> {
    await this.model.updateMany({ residentId }, { $set: { shareWithEmployers } });
  }
}
