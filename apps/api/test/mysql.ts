import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

/** Server URL without a database; the user needs CREATE and DROP on `workapi_test_%`. */
export const testMysqlServerUrl = (process.env.WORKAPI_TEST_MYSQL_URL ?? 'mysql://workapi:workapi@127.0.0.1:3306').replace(
  /\/+$/,
  '',
);

export interface ScratchDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

/** Creates an empty database with a unique name, so that test files can run in parallel. */
export async function createScratchMysqlDatabase(label: string): Promise<ScratchDatabase> {
  const name = `workapi_test_${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const connection = await mysql.createConnection(testMysqlServerUrl);
  try {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  return {
    name,
    url: `${testMysqlServerUrl}/${name}`,
    drop: async () => {
      const dropper = await mysql.createConnection(testMysqlServerUrl);
      try {
        await dropper.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await dropper.end();
      }
    },
  };
}
