import { expect } from 'chai';
import Queue from 'bull';
import mongoose from 'mongoose';
import { openTestDatabase, testRedisUrl, uniqueName } from '../support/services.ts';

describe('smoke: the real servers behind the tests', () => {
  describe('MongoDB', () => {
    let db: Awaited<ReturnType<typeof openTestDatabase>>;
    before(async () => {
      db = await openTestDatabase();
    });
    after(async () => {
      await db.drop();
    });

    it('mongoose connects and the server answers a ping', async () => {
      const reply = (await db.connection.db!.admin().ping()) as { ok: number };
      expect(reply.ok).to.equal(1);
    });

    it('a unique index rejects a duplicate with code 11000', async () => {
      const Person = db.connection.model(
        'Person',
        new mongoose.Schema({ idHmac: { type: String, required: true, unique: true } }),
      );
      await Person.init();
      await Person.create({ idHmac: 'a' });
      const error = await Person.create({ idHmac: 'a' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.have.property('code', 11000);
      expect(await Person.countDocuments()).to.equal(1);
    });

    it('a guarded findOneAndUpdate with $inc never exceeds the capacity under 200 concurrent calls', async () => {
      const Cohort = db.connection.model('Cohort', new mongoose.Schema({ seats: Number, taken: Number }));
      const cohort = await Cohort.create({ seats: 50, taken: 0 });
      const claims = await Promise.all(
        Array.from({ length: 200 }, () =>
          Cohort.findOneAndUpdate(
            { _id: cohort._id, $expr: { $lt: ['$taken', '$seats'] } },
            { $inc: { taken: 1 } },
            { returnDocument: 'after', projection: { _id: 1 } },
          ).lean(),
        ),
      );
      expect(claims.filter((claim) => claim !== null)).to.have.length(50);
      const stored = await Cohort.findById(cohort._id).lean();
      expect(stored?.taken).to.equal(50);
    });
  });

  describe('Redis', () => {
    it('a bull queue processes a job through the real Redis', async () => {
      const queue = new Queue<{ n: number }>(uniqueName('smoke'), testRedisUrl());
      try {
        void queue.process((job) => Promise.resolve(job.data.n * 2));
        const job = await queue.add({ n: 21 });
        expect(await job.finished()).to.equal(42);
      } finally {
        await queue.obliterate({ force: true });
        await queue.close();
      }
    });
  });
});
