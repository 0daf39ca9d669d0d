import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SandboxMessageChunks1796421273698 implements MigrationInterface {
  name = 'SandboxMessageChunks1796421273698';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"sandbox_message_chunk\" (\"integration_id\" varchar(36) NOT NULL, \"message_id\" varchar(64) NOT NULL, \"position\" integer NOT NULL, \"data\" blob NOT NULL, PRIMARY KEY (\"integration_id\", \"message_id\", \"position\"))");
    await queryRunner.query("DROP INDEX \"idx_sandbox_message_received\"");
    await queryRunner.query("CREATE TABLE \"temporary_sandbox_message\" (\"integration_id\" varchar(36) NOT NULL, \"message_id\" varchar(64) NOT NULL, \"mailbox_id\" varchar(64) NOT NULL, \"thread_id\" varchar(64) NOT NULL, \"labels\" varchar(512) NOT NULL DEFAULT (''), \"seen\" boolean NOT NULL DEFAULT (0), \"flagged\" boolean NOT NULL DEFAULT (0), \"received_at\" datetime(3) NOT NULL, \"search_text\" text NOT NULL, \"from_text\" varchar(1000) NOT NULL DEFAULT (''), \"to_text\" varchar(2000) NOT NULL DEFAULT (''), \"raw\" blob NOT NULL, \"chunk_count\" integer NOT NULL DEFAULT (0), PRIMARY KEY (\"integration_id\", \"message_id\"))");
    await queryRunner.query("INSERT INTO \"temporary_sandbox_message\"(\"integration_id\", \"message_id\", \"mailbox_id\", \"thread_id\", \"labels\", \"seen\", \"flagged\", \"received_at\", \"search_text\", \"from_text\", \"to_text\", \"raw\") SELECT \"integration_id\", \"message_id\", \"mailbox_id\", \"thread_id\", \"labels\", \"seen\", \"flagged\", \"received_at\", \"search_text\", \"from_text\", \"to_text\", \"raw\" FROM \"sandbox_message\"");
    await queryRunner.query("DROP TABLE \"sandbox_message\"");
    await queryRunner.query("ALTER TABLE \"temporary_sandbox_message\" RENAME TO \"sandbox_message\"");
    await queryRunner.query("CREATE INDEX \"idx_sandbox_message_received\" ON \"sandbox_message\" (\"integration_id\", \"received_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"idx_sandbox_message_received\"");
    await queryRunner.query("ALTER TABLE \"sandbox_message\" RENAME TO \"temporary_sandbox_message\"");
    await queryRunner.query("CREATE TABLE \"sandbox_message\" (\"integration_id\" varchar(36) NOT NULL, \"message_id\" varchar(64) NOT NULL, \"mailbox_id\" varchar(64) NOT NULL, \"thread_id\" varchar(64) NOT NULL, \"labels\" varchar(512) NOT NULL DEFAULT (''), \"seen\" boolean NOT NULL DEFAULT (0), \"flagged\" boolean NOT NULL DEFAULT (0), \"received_at\" datetime(3) NOT NULL, \"search_text\" text NOT NULL, \"from_text\" varchar(1000) NOT NULL DEFAULT (''), \"to_text\" varchar(2000) NOT NULL DEFAULT (''), \"raw\" blob NOT NULL, PRIMARY KEY (\"integration_id\", \"message_id\"))");
    await queryRunner.query("INSERT INTO \"sandbox_message\"(\"integration_id\", \"message_id\", \"mailbox_id\", \"thread_id\", \"labels\", \"seen\", \"flagged\", \"received_at\", \"search_text\", \"from_text\", \"to_text\", \"raw\") SELECT \"integration_id\", \"message_id\", \"mailbox_id\", \"thread_id\", \"labels\", \"seen\", \"flagged\", \"received_at\", \"search_text\", \"from_text\", \"to_text\", \"raw\" FROM \"temporary_sandbox_message\"");
    await queryRunner.query("DROP TABLE \"temporary_sandbox_message\"");
    await queryRunner.query("CREATE INDEX \"idx_sandbox_message_received\" ON \"sandbox_message\" (\"integration_id\", \"received_at\") ");
    await queryRunner.query("DROP TABLE \"sandbox_message_chunk\"");
  }
}
