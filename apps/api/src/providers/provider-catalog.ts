import type { ProviderEndpointOverrides } from '../config/config';
import type { ProviderEndpoints } from './provider-client';
import { ProviderKind } from './provider-kind';

/** Spelling rule for the scopes of a kind, checked by addProvider and updateProvider. */
export interface ScopeRule {
  /** Sentence shown in the catalog and in BAD_USER_INPUT messages. */
  description: string;
  accepts(scope: string): boolean;
}

/** Catalog entry of one provider kind, with the endpoints in effect on this server. */
export interface CatalogEntry {
  kind: ProviderKind;
  displayName: string;
  endpoints: ProviderEndpoints;
  defaultScopes: string[];
  /** Added to every authorization URL of the kind. */
  extraAuthorizationParams: Record<string, string>;
  documentationUrl: string;
  /** False only for SANDBOX, which every environment has without addProvider. */
  requiresConfiguration: boolean;
  scopeRule: ScopeRule;
}

const googleOpenIdScopes = new Set(['openid', 'email', 'profile']);

/** Google: `https://www.googleapis.com/auth/<name>` URLs, Gmail's full-access scope, or OpenID Connect names. */
const googleScopes: ScopeRule = {
  description:
    'Google scopes are https://www.googleapis.com/auth/... URLs (for example https://www.googleapis.com/auth/gmail.readonly), https://mail.google.com/, or openid, email and profile.',
  accepts: (scope) =>
    googleOpenIdScopes.has(scope) ||
    scope === 'https://mail.google.com/' ||
    /^https:\/\/www\.googleapis\.com\/auth\/[a-z0-9]+([._-][a-z0-9]+)*$/i.test(scope),
};

const microsoftOpenIdScopes = new Set(['offline_access', 'openid', 'email', 'profile']);

/** Microsoft Graph permission names such as Mail.ReadWrite.Shared, with or without the Graph resource prefix. */
const graphPermission = /^[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)+$/;

const microsoftScopes: ScopeRule = {
  description:
    'Microsoft scopes are Graph permission names (for example Mail.Read or User.Read), offline_access, openid, email, profile, or https://graph.microsoft.com/... URLs (for example https://graph.microsoft.com/Mail.Read or https://graph.microsoft.com/.default).',
  accepts: (scope) => {
    if (microsoftOpenIdScopes.has(scope) || graphPermission.test(scope)) return true;
    const prefix = 'https://graph.microsoft.com/';
    if (!scope.startsWith(prefix)) return false;
    const permission = scope.slice(prefix.length);
    return permission === '.default' || graphPermission.test(permission);
  },
};

const sandboxScopes: ScopeRule = {
  description: 'Sandbox scopes are lower-case words such as mail, calendar, files and contacts.',
  accepts: (scope) => /^[a-z][a-z0-9._-]*$/.test(scope),
};

const googleOAuth = {
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revocationUrl: 'https://oauth2.googleapis.com/revoke',
};

/**
 * access_type=offline makes Google return a refresh token, and prompt=consent makes it
 * return one again when a user who already consented connects a second time.
 */
const googleAuthorizationParams = { access_type: 'offline', prompt: 'consent' };

/** The `common` tenant accepts both work or school accounts and personal Microsoft accounts. */
const microsoftEndpoints: ProviderEndpoints = {
  authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
  tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  // The Microsoft identity platform has no OAuth token revocation endpoint (RFC 7009).
  revocationUrl: null,
  apiBaseUrl: 'https://graph.microsoft.com/v1.0',
};

const microsoftSignIn = ['offline_access', 'openid', 'email', 'profile', 'User.Read'];

type BuiltInEntry = Omit<CatalogEntry, 'endpoints' | 'requiresConfiguration'> & { endpoints: ProviderEndpoints };

/** The catalog before configuration overrides; SANDBOX is added per server because its URLs are the server's own. */
const builtInEntries: BuiltInEntry[] = [
  {
    kind: ProviderKind.GMAIL,
    displayName: 'Gmail',
    endpoints: { ...googleOAuth, apiBaseUrl: 'https://gmail.googleapis.com/gmail/v1' },
    defaultScopes: ['openid', 'email', 'https://www.googleapis.com/auth/gmail.modify'],
    extraAuthorizationParams: googleAuthorizationParams,
    documentationUrl: 'https://developers.google.com/gmail/api/reference/rest',
    scopeRule: googleScopes,
  },
  {
    kind: ProviderKind.GOOGLE_CALENDAR,
    displayName: 'Google Calendar',
    endpoints: { ...googleOAuth, apiBaseUrl: 'https://www.googleapis.com/calendar/v3' },
    defaultScopes: ['openid', 'email', 'https://www.googleapis.com/auth/calendar'],
    extraAuthorizationParams: googleAuthorizationParams,
    documentationUrl: 'https://developers.google.com/calendar/api/v3/reference',
    scopeRule: googleScopes,
  },
  {
    kind: ProviderKind.GOOGLE_DRIVE,
    displayName: 'Google Drive',
    endpoints: { ...googleOAuth, apiBaseUrl: 'https://www.googleapis.com/drive/v3' },
    defaultScopes: ['openid', 'email', 'https://www.googleapis.com/auth/drive'],
    extraAuthorizationParams: googleAuthorizationParams,
    documentationUrl: 'https://developers.google.com/drive/api/reference/rest/v3',
    scopeRule: googleScopes,
  },
  {
    kind: ProviderKind.GOOGLE_CONTACTS,
    displayName: 'Google Contacts',
    endpoints: { ...googleOAuth, apiBaseUrl: 'https://people.googleapis.com/v1' },
    defaultScopes: ['openid', 'email', 'https://www.googleapis.com/auth/contacts'],
    extraAuthorizationParams: googleAuthorizationParams,
    documentationUrl: 'https://developers.google.com/people/api/rest',
    scopeRule: googleScopes,
  },
  {
    kind: ProviderKind.OUTLOOK_MAIL,
    displayName: 'Outlook Mail',
    endpoints: microsoftEndpoints,
    defaultScopes: [...microsoftSignIn, 'Mail.ReadWrite', 'Mail.Send'],
    extraAuthorizationParams: {},
    documentationUrl: 'https://learn.microsoft.com/en-us/graph/api/resources/mail-api-overview',
    scopeRule: microsoftScopes,
  },
  {
    kind: ProviderKind.OUTLOOK_CALENDAR,
    displayName: 'Outlook Calendar',
    endpoints: microsoftEndpoints,
    defaultScopes: [...microsoftSignIn, 'Calendars.ReadWrite'],
    extraAuthorizationParams: {},
    documentationUrl: 'https://learn.microsoft.com/en-us/graph/api/resources/calendar',
    scopeRule: microsoftScopes,
  },
  {
    kind: ProviderKind.ONEDRIVE,
    displayName: 'OneDrive',
    endpoints: microsoftEndpoints,
    defaultScopes: [...microsoftSignIn, 'Files.ReadWrite'],
    extraAuthorizationParams: {},
    documentationUrl: 'https://learn.microsoft.com/en-us/graph/api/resources/onedrive',
    scopeRule: microsoftScopes,
  },
  {
    kind: ProviderKind.OUTLOOK_CONTACTS,
    displayName: 'Outlook Contacts',
    endpoints: microsoftEndpoints,
    defaultScopes: [...microsoftSignIn, 'Contacts.ReadWrite'],
    extraAuthorizationParams: {},
    documentationUrl: 'https://learn.microsoft.com/en-us/graph/api/resources/contact',
    scopeRule: microsoftScopes,
  },
];

export const sandboxClientId = 'workapi-sandbox';

/**
 * Not a secret: the sandbox runs inside this server, and the value only lets its flow use
 * the same client authentication as a real provider.
 */
export const sandboxClientSecret = 'workapi-sandbox-secret';

function sandboxEntry(publicUrl: string): BuiltInEntry {
  return {
    kind: ProviderKind.SANDBOX,
    displayName: 'Sandbox',
    endpoints: {
      authorizationUrl: `${publicUrl}/sandbox/authorize`,
      tokenUrl: `${publicUrl}/sandbox/token`,
      revocationUrl: `${publicUrl}/sandbox/revoke`,
      apiBaseUrl: `${publicUrl}/sandbox/api`,
    },
    defaultScopes: ['mail', 'calendar'],
    extraAuthorizationParams: {},
    documentationUrl: `${publicUrl}/playground`,
    scopeRule: sandboxScopes,
  };
}

/**
 * The catalog in effect on one server: the built-in entries with the endpoints replaced
 * by WORKAPI_PROVIDER_<KIND>_<ENDPOINT> variables, in the order of ProviderKind.
 */
export class ProviderCatalog {
  private readonly entries: Map<ProviderKind, CatalogEntry>;

  constructor(config: { publicUrl: string; providerEndpointOverrides: ProviderEndpointOverrides }) {
    const all = [...builtInEntries, sandboxEntry(config.publicUrl)];
    this.entries = new Map(
      Object.values(ProviderKind).map((kind) => {
        const entry = all.find((candidate) => candidate.kind === kind);
        if (!entry) throw new Error(`The provider catalog has no entry for ${kind}.`);
        const endpoints = { ...entry.endpoints, ...config.providerEndpointOverrides[kind] };
        return [kind, { ...entry, endpoints, requiresConfiguration: kind !== ProviderKind.SANDBOX }];
      }),
    );
  }

  list(): CatalogEntry[] {
    return [...this.entries.values()];
  }

  get(kind: ProviderKind): CatalogEntry {
    const entry = this.entries.get(kind);
    if (!entry) throw new Error(`Unknown provider kind ${String(kind)}.`);
    return entry;
  }
}
