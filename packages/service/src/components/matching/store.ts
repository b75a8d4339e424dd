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
   * Upserts by (job, resident, opening): a retried job writes the same rows again instead of new ones
   * . Returns how many rows were new.
   */
  async upsertMany(recommendations: readonly NewRecommendation[]): Promise<number> {
    if (recommendations.length === 0) return 0;
    const result = await this.model.bulkWrite(
      recommendations.map((recommendation) => ({
        updateOne: {
          filter: {
            jobId: recommendation.jobId,
            residentId: recommendation.residentId,
            openingId: recommendation.openingId,
          },
          update: { $set: recommendation },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    return result.upsertedCount;
  }

  /** Keeps the copied consent in step when a resident changes it (employers' scope filter reads it). */
  async syncConsent(residentId: Types.ObjectId, shareWithEmployers: boolean): Promise<void> {
    await this.model.updateMany({ residentId }, { $set: { shareWithEmployers } });
  }
}
