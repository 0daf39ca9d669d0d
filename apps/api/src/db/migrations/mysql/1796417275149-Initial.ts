import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1796417275149 implements MigrationInterface {
  name = 'Initial1796417275149';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `accounts` (`id` varchar(36) NOT NULL, `plan` varchar(32) NOT NULL DEFAULT 'FREE', `created_at` datetime(3) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `developers` (`id` varchar(36) NOT NULL, `account_id` varchar(36) NOT NULL, `email` varchar(254) NOT NULL, `name` varchar(100) NOT NULL, `password_hash` varchar(255) NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `idx_developers_account` (`account_id`), UNIQUE INDEX `uq_developers_email` (`email`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `sessions` (`id` varchar(36) NOT NULL, `developer_id` varchar(36) NOT NULL, `token_hash` varchar(64) NOT NULL, `created_at` datetime(3) NOT NULL, `expires_at` datetime(3) NOT NULL, `revoked_at` datetime(3) NULL, INDEX `idx_sessions_developer` (`developer_id`), UNIQUE INDEX `uq_sessions_token_hash` (`token_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_sessions_token_hash` ON `sessions`");
    await queryRunner.query("DROP INDEX `idx_sessions_developer` ON `sessions`");
    await queryRunner.query("DROP TABLE `sessions`");
    await queryRunner.query("DROP INDEX `uq_developers_email` ON `developers`");
    await queryRunner.query("DROP INDEX `idx_developers_account` ON `developers`");
    await queryRunner.query("DROP TABLE `developers`");
    await queryRunner.query("DROP TABLE `accounts`");
  }
}
