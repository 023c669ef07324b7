const Queue = require('bee-queue');
const config = require('@feathersjs/configuration')()();

const audiogramQueue = new Queue('audiograms', { redis: config.redis, isWorker: require.main === module });

if (require.main === module) {
  audiogramQueue.process(async (job) => {
    const { worker, baseline, current } = job.data;
    const shift = [2000, 3000, 4000].reduce((acc, f) => acc + (current.left[f] - baseline.left[f]), 0) / 3;
    if (shift >= 10) {
      console.log(`STS detected for ${worker.name} (${worker.employeeNo}): ${shift.toFixed(1)} dB left`); // LEAK(logging): worker name and hearing-loss finding in worker stdout
    }
    return { shift };
  });
}

module.exports = { audiogramQueue };
