import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SandboxMessageChunks1796421273698 implements MigrationInterface {
  name = 'SandboxMessageChunks1796421273698';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `sandbox_message_chunk` (`integration_id` varchar(36) NOT NULL, `message_id` varchar(64) NOT NULL, `position` int NOT NULL, `data` blob NOT NULL, PRIMARY KEY (`integration_id`, `message_id`, `position`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `sandbox_message` ADD `chunk_count` int NOT NULL DEFAULT '0'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `sandbox_message` DROP COLUMN `chunk_count`");
    await queryRunner.query("DROP TABLE `sandbox_message_chunk`");
  }
}
