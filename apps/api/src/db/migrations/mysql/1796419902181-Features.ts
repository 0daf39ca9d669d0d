import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Features1796419902181 implements MigrationInterface {
  name = 'Features1796419902181';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `environment_users` (`id` varchar(36) NOT NULL, `environment_id` varchar(36) NOT NULL, `external_id` varchar(255) NOT NULL, `external_id_key` varchar(64) NULL, `status` varchar(16) NOT NULL DEFAULT 'ACTIVE', `auth_version` int NOT NULL DEFAULT '1', `created_at` datetime(3) NOT NULL, `deactivated_at` datetime(3) NULL, `deleted_at` datetime(3) NULL, INDEX `idx_environment_users_created` (`environment_id`, `created_at`, `id`), UNIQUE INDEX `uq_environment_users_external_id` (`environment_id`, `external_id_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `user_access_tokens` (`id` varchar(36) NOT NULL, `user_id` varchar(36) NOT NULL, `environment_id` varchar(36) NOT NULL, `token_hash` varchar(64) NOT NULL, `auth_version` int NOT NULL, `created_at` datetime(3) NOT NULL, `expires_at` datetime(3) NOT NULL, `revoked_at` datetime(3) NULL, INDEX `idx_user_access_tokens_user` (`user_id`), UNIQUE INDEX `uq_user_access_tokens_token_hash` (`token_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `environments` (`id` varchar(36) NOT NULL, `account_id` varchar(36) NOT NULL, `name` varchar(64) NOT NULL, `name_key` varchar(64) NULL, `status` varchar(16) NOT NULL DEFAULT 'ACTIVE', `allowed_return_urls` text NOT NULL, `created_at` datetime(3) NOT NULL, `deleted_at` datetime(3) NULL, UNIQUE INDEX `uq_environments_account_name` (`account_id`, `name_key`), INDEX `idx_environments_account` (`account_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `environment_keys` (`id` varchar(36) NOT NULL, `environment_id` varchar(36) NOT NULL, `kid` varchar(64) NOT NULL, `algorithm` varchar(16) NOT NULL, `public_key_pem` text NOT NULL, `public_jwk` text NOT NULL, `created_at` datetime(3) NOT NULL, `expires_at` datetime(3) NULL, `revoked_at` datetime(3) NULL, UNIQUE INDEX `uq_environment_keys_kid` (`environment_id`, `kid`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `environment_token_uses` (`environment_id` varchar(36) NOT NULL, `jti_hash` varchar(64) NOT NULL, `expires_at` datetime(3) NOT NULL, INDEX `idx_environment_token_uses_expires` (`expires_at`), PRIMARY KEY (`environment_id`, `jti_hash`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `providers` (`id` varchar(36) NOT NULL, `environment_id` varchar(36) NOT NULL, `kind` varchar(32) NOT NULL, `client_id` varchar(255) NOT NULL, `client_secret_ciphertext` text NOT NULL, `client_secret_hint` varchar(4) NOT NULL, `scopes` text NOT NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_providers_environment_kind` (`environment_id`, `kind`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `usage_days` (`account_id` varchar(36) NOT NULL, `day` varchar(10) NOT NULL, `environment_id` varchar(36) NOT NULL, `requests` bigint NOT NULL DEFAULT '0', `query_cost` bigint NOT NULL DEFAULT '0', INDEX `idx_usage_days_environment` (`environment_id`, `day`), PRIMARY KEY (`account_id`, `day`, `environment_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `usage_quota_claims` (`account_id` varchar(36) NOT NULL, `month` varchar(7) NOT NULL, `claimed` bigint NOT NULL DEFAULT '0', PRIMARY KEY (`account_id`, `month`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `integrations` (`id` varchar(36) NOT NULL, `environment_id` varchar(36) NOT NULL, `user_id` varchar(36) NOT NULL, `kind` varchar(32) NOT NULL, `status` varchar(32) NOT NULL, `failure_reason` varchar(500) NULL, `account_email` varchar(320) NULL, `granted_scopes` text NOT NULL, `access_token_ciphertext` text NULL, `refresh_token_ciphertext` text NULL, `access_token_expires_at` datetime(3) NULL, `credentials_version` int NOT NULL DEFAULT '0', `lease_owner` varchar(64) NULL, `lease_expires_at` datetime(3) NULL, `connected_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, INDEX `idx_integrations_environment_kind` (`environment_id`, `kind`, `status`), UNIQUE INDEX `uq_integrations_user_kind` (`user_id`, `kind`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `oauth_states` (`id` varchar(36) NOT NULL, `state_hash` varchar(64) NOT NULL, `integration_id` varchar(36) NOT NULL, `code_verifier_ciphertext` text NOT NULL, `requested_scopes` text NOT NULL, `return_to` varchar(2048) NULL, `expires_at` datetime(3) NOT NULL, `used_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_oauth_states_hash` (`state_hash`), INDEX `idx_oauth_states_integration` (`integration_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `sandbox_message` (`integration_id` varchar(36) NOT NULL, `message_id` varchar(64) NOT NULL, `mailbox_id` varchar(64) NOT NULL, `thread_id` varchar(64) NOT NULL, `labels` varchar(512) NOT NULL DEFAULT '', `seen` tinyint NOT NULL DEFAULT 0, `flagged` tinyint NOT NULL DEFAULT 0, `received_at` datetime(3) NOT NULL, `search_text` text NOT NULL, `from_text` varchar(1000) NOT NULL DEFAULT '', `to_text` varchar(2000) NOT NULL DEFAULT '', `raw` blob NOT NULL, INDEX `idx_sandbox_message_received` (`integration_id`, `received_at`), PRIMARY KEY (`integration_id`, `message_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `sandbox_mail_seed` (`integration_id` varchar(36) NOT NULL, `seeded_at` datetime(3) NOT NULL, PRIMARY KEY (`integration_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `sandbox_grant` (`token_hash` varchar(64) NOT NULL, `type` varchar(16) NOT NULL, `subject_id` varchar(36) NOT NULL, `scope` varchar(255) NOT NULL DEFAULT '', `redirect_uri` varchar(2048) NOT NULL DEFAULT '', `code_challenge` varchar(128) NOT NULL DEFAULT '', `expires_at` datetime(3) NOT NULL, `used_at` datetime(3) NULL, PRIMARY KEY (`token_hash`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `sandbox_calendars` (`id` varchar(36) NOT NULL, `integration_id` varchar(36) NOT NULL, `name` varchar(255) NOT NULL, `description` text NULL, `time_zone` varchar(64) NOT NULL, `color` varchar(7) NULL, `is_primary` tinyint NOT NULL, `can_edit` tinyint NOT NULL, `position` int NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `idx_sandbox_calendars_integration` (`integration_id`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `sandbox_events` (`id` varchar(64) NOT NULL, `integration_id` varchar(36) NOT NULL, `calendar_id` varchar(36) NOT NULL, `title` varchar(1024) NOT NULL, `description` text NULL, `location` varchar(1024) NULL, `all_day` tinyint NOT NULL, `start_at` datetime(3) NOT NULL, `end_at` datetime(3) NOT NULL, `start_date` varchar(10) NULL, `end_date` varchar(10) NULL, `time_zone` varchar(64) NULL, `attendees` text NOT NULL, `organizer` text NULL, `reminders` text NULL, `recurrence` text NOT NULL, `recurring_event_id` varchar(64) NULL, `original_start_at` datetime(3) NULL, `conference_url` varchar(1024) NULL, `status` varchar(16) NOT NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, INDEX `idx_sandbox_events_calendar` (`integration_id`, `calendar_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_sandbox_events_calendar` ON `sandbox_events`");
    await queryRunner.query("DROP TABLE `sandbox_events`");
    await queryRunner.query("DROP INDEX `idx_sandbox_calendars_integration` ON `sandbox_calendars`");
    await queryRunner.query("DROP TABLE `sandbox_calendars`");
    await queryRunner.query("DROP TABLE `sandbox_grant`");
    await queryRunner.query("DROP TABLE `sandbox_mail_seed`");
    await queryRunner.query("DROP INDEX `idx_sandbox_message_received` ON `sandbox_message`");
    await queryRunner.query("DROP TABLE `sandbox_message`");
    await queryRunner.query("DROP INDEX `idx_oauth_states_integration` ON `oauth_states`");
    await queryRunner.query("DROP INDEX `uq_oauth_states_hash` ON `oauth_states`");
    await queryRunner.query("DROP TABLE `oauth_states`");
    await queryRunner.query("DROP INDEX `uq_integrations_user_kind` ON `integrations`");
    await queryRunner.query("DROP INDEX `idx_integrations_environment_kind` ON `integrations`");
    await queryRunner.query("DROP TABLE `integrations`");
    await queryRunner.query("DROP TABLE `usage_quota_claims`");
    await queryRunner.query("DROP INDEX `idx_usage_days_environment` ON `usage_days`");
    await queryRunner.query("DROP TABLE `usage_days`");
    await queryRunner.query("DROP INDEX `uq_providers_environment_kind` ON `providers`");
    await queryRunner.query("DROP TABLE `providers`");
    await queryRunner.query("DROP INDEX `idx_environment_token_uses_expires` ON `environment_token_uses`");
    await queryRunner.query("DROP TABLE `environment_token_uses`");
    await queryRunner.query("DROP INDEX `uq_environment_keys_kid` ON `environment_keys`");
    await queryRunner.query("DROP TABLE `environment_keys`");
    await queryRunner.query("DROP INDEX `idx_environments_account` ON `environments`");
    await queryRunner.query("DROP INDEX `uq_environments_account_name` ON `environments`");
    await queryRunner.query("DROP TABLE `environments`");
    await queryRunner.query("DROP INDEX `uq_user_access_tokens_token_hash` ON `user_access_tokens`");
    await queryRunner.query("DROP INDEX `idx_user_access_tokens_user` ON `user_access_tokens`");
    await queryRunner.query("DROP TABLE `user_access_tokens`");
    await queryRunner.query("DROP INDEX `uq_environment_users_external_id` ON `environment_users`");
    await queryRunner.query("DROP INDEX `idx_environment_users_created` ON `environment_users`");
    await queryRunner.query("DROP TABLE `environment_users`");
  }
}
