#!/usr/bin/env node
// Sums the self time of V8 CPU profiles (.cpuprofile, from node --cpu-prof) by group of
// source files, so that the share of metering, Apollo Server, graphql-js, Fastify and the
// rest can be compared between servers.
//
// Usage: node bench/profile-summary.mjs FILE.cpuprofile...
import fs from 'node:fs';

const groups = [
  ['metering (apps/api/src/metering)', /apps\/api\/src\/metering\//],
  ['other Work API code', /apps\/api\/src\//],
  ['graphql-js', /node_modules\/.*graphql\/(?!.*query-complexity)/],
  ['Apollo Server', /node_modules\/.*@apollo\//],
  ['type-graphql', /node_modules\/.*type-graphql\//],
  ['Fastify and its plugins', /node_modules\/.*(fastify|@fastify|avvio|find-my-way|light-my-request)/],
  ['pino (logging)', /node_modules\/.*(pino|sonic-boom|thread-stream)/],
  ['TypeORM and drivers', /node_modules\/.*(typeorm|better-sqlite3|mysql2)/],
  ['other packages', /node_modules\//],
  ['Node.js internals', /^node:|^internal\//],
];

for (const file of process.argv.slice(2)) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const selfTime = new Map(profile.nodes.map((node) => [node.id, 0]));
  for (let index = 0; index < profile.samples.length; index += 1) {
    const delta = profile.timeDeltas[index + 1] ?? 0;
    selfTime.set(profile.samples[index], (selfTime.get(profile.samples[index]) ?? 0) + delta);
  }
  const totals = new Map();
  let busy = 0;
  for (const node of profile.nodes) {
    const url = node.callFrame.url;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') continue;
    const time = selfTime.get(node.id) ?? 0;
    const group = name === '(garbage collector)' ? 'garbage collector' : (groups.find(([, pattern]) => pattern.test(url))?.[0] ?? 'Node.js internals');
    totals.set(group, (totals.get(group) ?? 0) + time);
    busy += time;
  }
  console.log(`\n${file}: ${(busy / 1e6).toFixed(2)} s of CPU outside idle`);
  console.log('| Group | Share of busy CPU |');
  console.log('|---|---|');
  for (const [group, time] of [...totals].sort((a, b) => b[1] - a[1])) {
    console.log(`| ${group} | ${((100 * time) / busy).toFixed(1)}% |`);
  }
}
