import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1796417275149 implements MigrationInterface {
  name = 'Initial1796417275149';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"accounts\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"plan\" varchar(32) NOT NULL DEFAULT ('FREE'), \"created_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE TABLE \"developers\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"account_id\" varchar(36) NOT NULL, \"email\" varchar(254) NOT NULL, \"name\" varchar(100) NOT NULL, \"password_hash\" varchar(255) NOT NULL, \"created_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE INDEX \"idx_developers_account\" ON \"developers\" (\"account_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_developers_email\" ON \"developers\" (\"email\") ");
    await queryRunner.query("CREATE TABLE \"sessions\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"developer_id\" varchar(36) NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"created_at\" datetime(3) NOT NULL, \"expires_at\" datetime(3) NOT NULL, \"revoked_at\" datetime(3))");
    await queryRunner.query("CREATE INDEX \"idx_sessions_developer\" ON \"sessions\" (\"developer_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_sessions_token_hash\" ON \"sessions\" (\"token_hash\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_sessions_token_hash\"");
    await queryRunner.query("DROP INDEX \"idx_sessions_developer\"");
    await queryRunner.query("DROP TABLE \"sessions\"");
    await queryRunner.query("DROP INDEX \"uq_developers_email\"");
    await queryRunner.query("DROP INDEX \"idx_developers_account\"");
    await queryRunner.query("DROP TABLE \"developers\"");
    await queryRunner.query("DROP TABLE \"accounts\"");
  }
}
