import { Writable } from 'node:stream';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { createLogger } from '@anju/service';
import { capturedErrorBodies, capturedRedisCommands, findPersonalData } from '../support/pii-capture.ts';
import { redisCommand } from '../support/resp.ts';
import { testRedisUrl, uniqueName } from '../support/services.ts';
import { syntheticIdNumber, syntheticName, syntheticPhone } from '../support/synthetic-people.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PII-04 over the whole run', () => {
  describe('findPersonalData (the scan the root hook runs after the last test)', () => {
    it('finds ID numbers, phones and seeded names, also full-width or with separators, and masks them in its report', () => {
      const id = syntheticIdNumber(42);
      const phone = syntheticPhone(42);
      const fullWidth = id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      const text = `a ${id} b ${fullWidth} c ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)} d +86${phone} e ${syntheticName(42)}`;
      const findings = findPersonalData(text, 'test');
      expect(findings.map((f) => f.kind)).to.deep.equal([
        'ID number',
        'ID number',
        'phone',
        'phone',
        'seeded name',
      ]);
      const report = findings.map((f) => f.context).join('\n');
      expect(report).not.to.include(id);
      expect(report).not.to.include(phone);
      expect(report).not.to.include(syntheticName(42));
    });

    it('leaves ids, timestamps, durations, hashes and masked values alone', () => {
      const line = JSON.stringify({
        time: 1795926166897,
        ms: '12.123456789012345678',
        share: 0.30000000000000004,
        requestId: 'b6d9e79b-1da6-4af2-a495-b9048bfbf3b2',
        id: '6b0ba895a03dfd1e92cdb7ff',
        idNumber: '5201**********123X',
        phone: '139****0001',
        name: '王**',
        hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        message: { zh: '请求内容不符合要求。', en: 'The request is not valid.' },
      });
      expect(findPersonalData(line, 'test')).to.deep.equal([]);
    });
  });

  describe('what the scan sees', () => {
    it('PII-04: an error carrying the documents it failed to write is logged by type and message only', () => {
      const lines: string[] = [];
      const logger = createLogger(
        'info',
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString());
            done();
          },
        }),
      );
      // The shape of the driver's MongoBulkWriteError after a network timeout mid-insert.
      const error = Object.assign(new Error('connection 28 to 127.0.0.1:27017 timed out'), {
        name: 'MongoBulkWriteError',
        code: 89,
        insertedDocs: [{ name: syntheticName(7), householdId: 'h1', community: '幸福社区' }],
        writeErrors: [{ op: { name: syntheticName(8) } }],
        result: { insertedIds: { 0: 'x' } },
      });
      logger.error({ err: error, requestId: 'r-1' }, 'request failed');
      logger.error(error, 'again, as the first argument');
      const text = lines.join('');
      expect(text).to.include('MongoBulkWriteError').and.include('timed out').and.include('"code":89');
      expect(text).not.to.include(syntheticName(7));
      expect(text).not.to.include(syntheticName(8));
      expect(text).not.to.include('幸福社区');
    });

    it('keeps the body of every error answer any in-process server sends, through supertest or a socket', async () => {
      const app = express();
      const marker = uniqueName('problem');
      app.get('/boom', (_req, res) => {
        res
          .status(422)
          .type('application/problem+json')
          .send(JSON.stringify({ code: marker }));
      });
      app.get('/fine', (_req, res) => {
        res.json({ ok: marker });
      });
      await request(app).get('/boom');
      await request(app).get('/fine');
      const kept = capturedErrorBodies.filter((body) => body.includes(marker));
      expect(kept).to.deep.equal([JSON.stringify({ code: marker })]);
    });

    it('sees every command the run’s Redis executes, job payloads in UTF-8', async () => {
      const key = uniqueName('bull:pii-run');
      await redisCommand(testRedisUrl(), 'HSET', key, 'data', JSON.stringify({ title: '安居乐业' }));
      await redisCommand(testRedisUrl(), 'DEL', key);
      for (let attempt = 0; attempt < 50; attempt += 1) {
        if (capturedRedisCommands.some((line) => line.includes(key) && line.includes('安居乐业'))) return;
        await sleep(20);
      }
      expect.fail('the HSET of the job payload was not captured');
    });
  });
});
