// A worker process that dies by SIGKILL in the middle of writing recommendations, as a worker killed by
// the OOM killer or a power cut would. Started by fairs-matching-faults.test.ts with the test
// app's settings in its environment.
import {
  JOB_KINDS,
  connectDatabase,
  createLogger,
  createServices,
  loadConfig,
  startJobWorkers,
} from '@anju/service';

const config = loadConfig(process.env);
const db = await connectDatabase(config.MONGODB_URI, config.MONGODB_DB);
const services = createServices(config, db, createLogger('warn'));
startJobWorkers(services, JOB_KINDS, {
  concurrency: 1,
  faults: (point) => {
    if (point === 'recommendations batch written') process.kill(process.pid, 'SIGKILL');
  },
});
console.log('crashing worker ready');
