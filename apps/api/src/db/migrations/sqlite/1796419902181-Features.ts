import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Features1796419902181 implements MigrationInterface {
  name = 'Features1796419902181';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"environment_users\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"environment_id\" varchar(36) NOT NULL, \"external_id\" varchar(255) NOT NULL, \"external_id_key\" varchar(64), \"status\" varchar(16) NOT NULL DEFAULT ('ACTIVE'), \"auth_version\" integer NOT NULL DEFAULT (1), \"created_at\" datetime(3) NOT NULL, \"deactivated_at\" datetime(3), \"deleted_at\" datetime(3))");
    await queryRunner.query("CREATE INDEX \"idx_environment_users_created\" ON \"environment_users\" (\"environment_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_environment_users_external_id\" ON \"environment_users\" (\"environment_id\", \"external_id_key\") ");
    await queryRunner.query("CREATE TABLE \"user_access_tokens\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"user_id\" varchar(36) NOT NULL, \"environment_id\" varchar(36) NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"auth_version\" integer NOT NULL, \"created_at\" datetime(3) NOT NULL, \"expires_at\" datetime(3) NOT NULL, \"revoked_at\" datetime(3))");
    await queryRunner.query("CREATE INDEX \"idx_user_access_tokens_user\" ON \"user_access_tokens\" (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_user_access_tokens_token_hash\" ON \"user_access_tokens\" (\"token_hash\") ");
    await queryRunner.query("CREATE TABLE \"environments\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"account_id\" varchar(36) NOT NULL, \"name\" varchar(64) NOT NULL, \"name_key\" varchar(64), \"status\" varchar(16) NOT NULL DEFAULT ('ACTIVE'), \"allowed_return_urls\" text NOT NULL, \"created_at\" datetime(3) NOT NULL, \"deleted_at\" datetime(3))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_environments_account_name\" ON \"environments\" (\"account_id\", \"name_key\") ");
    await queryRunner.query("CREATE INDEX \"idx_environments_account\" ON \"environments\" (\"account_id\") ");
    await queryRunner.query("CREATE TABLE \"environment_keys\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"environment_id\" varchar(36) NOT NULL, \"kid\" varchar(64) NOT NULL, \"algorithm\" varchar(16) NOT NULL, \"public_key_pem\" text NOT NULL, \"public_jwk\" text NOT NULL, \"created_at\" datetime(3) NOT NULL, \"expires_at\" datetime(3), \"revoked_at\" datetime(3))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_environment_keys_kid\" ON \"environment_keys\" (\"environment_id\", \"kid\") ");
    await queryRunner.query("CREATE TABLE \"environment_token_uses\" (\"environment_id\" varchar(36) NOT NULL, \"jti_hash\" varchar(64) NOT NULL, \"expires_at\" datetime(3) NOT NULL, PRIMARY KEY (\"environment_id\", \"jti_hash\"))");
    await queryRunner.query("CREATE INDEX \"idx_environment_token_uses_expires\" ON \"environment_token_uses\" (\"expires_at\") ");
    await queryRunner.query("CREATE TABLE \"providers\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"environment_id\" varchar(36) NOT NULL, \"kind\" varchar(32) NOT NULL, \"client_id\" varchar(255) NOT NULL, \"client_secret_ciphertext\" text NOT NULL, \"client_secret_hint\" varchar(4) NOT NULL, \"scopes\" text NOT NULL, \"created_at\" datetime(3) NOT NULL, \"updated_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_providers_environment_kind\" ON \"providers\" (\"environment_id\", \"kind\") ");
    await queryRunner.query("CREATE TABLE \"usage_days\" (\"account_id\" varchar(36) NOT NULL, \"day\" varchar(10) NOT NULL, \"environment_id\" varchar(36) NOT NULL, \"requests\" bigint NOT NULL DEFAULT (0), \"query_cost\" bigint NOT NULL DEFAULT (0), PRIMARY KEY (\"account_id\", \"day\", \"environment_id\"))");
    await queryRunner.query("CREATE INDEX \"idx_usage_days_environment\" ON \"usage_days\" (\"environment_id\", \"day\") ");
    await queryRunner.query("CREATE TABLE \"usage_quota_claims\" (\"account_id\" varchar(36) NOT NULL, \"month\" varchar(7) NOT NULL, \"claimed\" bigint NOT NULL DEFAULT (0), PRIMARY KEY (\"account_id\", \"month\"))");
    await queryRunner.query("CREATE TABLE \"integrations\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"environment_id\" varchar(36) NOT NULL, \"user_id\" varchar(36) NOT NULL, \"kind\" varchar(32) NOT NULL, \"status\" varchar(32) NOT NULL, \"failure_reason\" varchar(500), \"account_email\" varchar(320), \"granted_scopes\" text NOT NULL, \"access_token_ciphertext\" text, \"refresh_token_ciphertext\" text, \"access_token_expires_at\" datetime(3), \"credentials_version\" integer NOT NULL DEFAULT (0), \"lease_owner\" varchar(64), \"lease_expires_at\" datetime(3), \"connected_at\" datetime(3), \"created_at\" datetime(3) NOT NULL, \"updated_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE INDEX \"idx_integrations_environment_kind\" ON \"integrations\" (\"environment_id\", \"kind\", \"status\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_integrations_user_kind\" ON \"integrations\" (\"user_id\", \"kind\") ");
    await queryRunner.query("CREATE TABLE \"oauth_states\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"state_hash\" varchar(64) NOT NULL, \"integration_id\" varchar(36) NOT NULL, \"code_verifier_ciphertext\" text NOT NULL, \"requested_scopes\" text NOT NULL, \"return_to\" varchar(2048), \"expires_at\" datetime(3) NOT NULL, \"used_at\" datetime(3), \"created_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_oauth_states_hash\" ON \"oauth_states\" (\"state_hash\") ");
    await queryRunner.query("CREATE INDEX \"idx_oauth_states_integration\" ON \"oauth_states\" (\"integration_id\") ");
    await queryRunner.query("CREATE TABLE \"sandbox_message\" (\"integration_id\" varchar(36) NOT NULL, \"message_id\" varchar(64) NOT NULL, \"mailbox_id\" varchar(64) NOT NULL, \"thread_id\" varchar(64) NOT NULL, \"labels\" varchar(512) NOT NULL DEFAULT (''), \"seen\" boolean NOT NULL DEFAULT (0), \"flagged\" boolean NOT NULL DEFAULT (0), \"received_at\" datetime(3) NOT NULL, \"search_text\" text NOT NULL, \"from_text\" varchar(1000) NOT NULL DEFAULT (''), \"to_text\" varchar(2000) NOT NULL DEFAULT (''), \"raw\" blob NOT NULL, PRIMARY KEY (\"integration_id\", \"message_id\"))");
    await queryRunner.query("CREATE INDEX \"idx_sandbox_message_received\" ON \"sandbox_message\" (\"integration_id\", \"received_at\") ");
    await queryRunner.query("CREATE TABLE \"sandbox_mail_seed\" (\"integration_id\" varchar(36) PRIMARY KEY NOT NULL, \"seeded_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE TABLE \"sandbox_grant\" (\"token_hash\" varchar(64) PRIMARY KEY NOT NULL, \"type\" varchar(16) NOT NULL, \"subject_id\" varchar(36) NOT NULL, \"scope\" varchar(255) NOT NULL DEFAULT (''), \"redirect_uri\" varchar(2048) NOT NULL DEFAULT (''), \"code_challenge\" varchar(128) NOT NULL DEFAULT (''), \"expires_at\" datetime(3) NOT NULL, \"used_at\" datetime(3))");
    await queryRunner.query("CREATE TABLE \"sandbox_calendars\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"integration_id\" varchar(36) NOT NULL, \"name\" varchar(255) NOT NULL, \"description\" text, \"time_zone\" varchar(64) NOT NULL, \"color\" varchar(7), \"is_primary\" boolean NOT NULL, \"can_edit\" boolean NOT NULL, \"position\" integer NOT NULL, \"created_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE INDEX \"idx_sandbox_calendars_integration\" ON \"sandbox_calendars\" (\"integration_id\", \"position\") ");
    await queryRunner.query("CREATE TABLE \"sandbox_events\" (\"id\" varchar(64) PRIMARY KEY NOT NULL, \"integration_id\" varchar(36) NOT NULL, \"calendar_id\" varchar(36) NOT NULL, \"title\" varchar(1024) NOT NULL, \"description\" text, \"location\" varchar(1024), \"all_day\" boolean NOT NULL, \"start_at\" datetime(3) NOT NULL, \"end_at\" datetime(3) NOT NULL, \"start_date\" varchar(10), \"end_date\" varchar(10), \"time_zone\" varchar(64), \"attendees\" text NOT NULL, \"organizer\" text, \"reminders\" text, \"recurrence\" text NOT NULL, \"recurring_event_id\" varchar(64), \"original_start_at\" datetime(3), \"conference_url\" varchar(1024), \"status\" varchar(16) NOT NULL, \"created_at\" datetime(3) NOT NULL, \"updated_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE INDEX \"idx_sandbox_events_calendar\" ON \"sandbox_events\" (\"integration_id\", \"calendar_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"idx_sandbox_events_calendar\"");
    await queryRunner.query("DROP TABLE \"sandbox_events\"");
    await queryRunner.query("DROP INDEX \"idx_sandbox_calendars_integration\"");
    await queryRunner.query("DROP TABLE \"sandbox_calendars\"");
    await queryRunner.query("DROP TABLE \"sandbox_grant\"");
    await queryRunner.query("DROP TABLE \"sandbox_mail_seed\"");
    await queryRunner.query("DROP INDEX \"idx_sandbox_message_received\"");
    await queryRunner.query("DROP TABLE \"sandbox_message\"");
    await queryRunner.query("DROP INDEX \"idx_oauth_states_integration\"");
    await queryRunner.query("DROP INDEX \"uq_oauth_states_hash\"");
    await queryRunner.query("DROP TABLE \"oauth_states\"");
    await queryRunner.query("DROP INDEX \"uq_integrations_user_kind\"");
    await queryRunner.query("DROP INDEX \"idx_integrations_environment_kind\"");
    await queryRunner.query("DROP TABLE \"integrations\"");
    await queryRunner.query("DROP TABLE \"usage_quota_claims\"");
    await queryRunner.query("DROP INDEX \"idx_usage_days_environment\"");
    await queryRunner.query("DROP TABLE \"usage_days\"");
    await queryRunner.query("DROP INDEX \"uq_providers_environment_kind\"");
    await queryRunner.query("DROP TABLE \"providers\"");
    await queryRunner.query("DROP INDEX \"idx_environment_token_uses_expires\"");
    await queryRunner.query("DROP TABLE \"environment_token_uses\"");
    await queryRunner.query("DROP INDEX \"uq_environment_keys_kid\"");
    await queryRunner.query("DROP TABLE \"environment_keys\"");
    await queryRunner.query("DROP INDEX \"idx_environments_account\"");
    await queryRunner.query("DROP INDEX \"uq_environments_account_name\"");
    await queryRunner.query("DROP TABLE \"environments\"");
    await queryRunner.query("DROP INDEX \"uq_user_access_tokens_token_hash\"");
    await queryRunner.query("DROP INDEX \"idx_user_access_tokens_user\"");
    await queryRunner.query("DROP TABLE \"user_access_tokens\"");
    await queryRunner.query("DROP INDEX \"uq_environment_users_external_id\"");
    await queryRunner.query("DROP INDEX \"idx_environment_users_created\"");
    await queryRunner.query("DROP TABLE \"environment_users\"");
  }
}
