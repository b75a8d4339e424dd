import { Schema, type Types } from 'mongoose';
import { SCHEMA_OPTIONS } from '../../infra/db.ts';

export interface GridWorkerRecord {
  workerId: string;
  name: string;
  fullTime: boolean;
}

/** A grid (网格) of a community in a township, and its grid workers (网格员). */
export interface GridDoc {
  _id: Types.ObjectId;
  townshipCode: string;
  community: string;
  name: string;
  workers: GridWorkerRecord[];
  createdAt: Date;
  updatedAt: Date;
}

export const GridSchema = new Schema<GridDoc>(
  {
    townshipCode: { type: String, required: true, index: true },
    community: { type: String, required: true },
    name: { type: String, required: true },
    workers: [
      {
        _id: false,
        workerId: { type: String, required: true },
        name: { type: String, required: true },
        fullTime: { type: Boolean, required: true },
      },
    ],
  },
  { ...SCHEMA_OPTIONS, collection: 'grids' },
);
// Households name their grid by community and name: one grid per name in a community.
GridSchema.index({ townshipCode: 1, community: 1, name: 1 }, { unique: true });
GridSchema.index({ 'workers.workerId': 1 });

/** The worker a grid's follow-ups go to: the first full-time one, else the first. */
export function responsibleWorker(grid: Pick<GridDoc, 'workers'>): string | undefined {
  return (grid.workers.find((worker) => worker.fullTime) ?? grid.workers[0])?.workerId;
}
