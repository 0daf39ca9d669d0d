/** A GraphQL-over-HTTP client for tests that keeps cookies like a browser and exposes the raw response. */
export interface GraphQLResponse<TData = Record<string, any>> {
  status: number;
  headers: Headers;
  body: {
    data?: TData | null;
    errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
    extensions?: Record<string, any>;
  };
}

export class TestClient {
  private cookies = new Map<string, string>();

  constructor(
    readonly url: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  withHeaders(headers: Record<string, string>): TestClient {
    const client = new TestClient(this.url, { ...this.defaultHeaders, ...headers });
    client.cookies = new Map(this.cookies);
    return client;
  }

  withBearer(token: string): TestClient {
    return this.withHeaders({ authorization: `Bearer ${token}` });
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async request<TData = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    extra: { headers?: Record<string, string>; operationName?: string } = {},
  ): Promise<GraphQLResponse<TData>> {
    return this.post<TData>({ query, variables, operationName: extra.operationName }, extra.headers);
  }

  async post<TData = Record<string, any>>(payload: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse<TData>> {
    const cookie = this.cookieHeader();
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(cookie ? { cookie } : {}),
        ...this.defaultHeaders,
        ...headers,
      },
      body: JSON.stringify(payload),
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(setCookie)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    const text = await response.text();
    let body: GraphQLResponse<TData>['body'];
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`Response was not JSON (HTTP ${response.status}): ${text.slice(0, 300)}`);
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** Sends a request and fails with the server's errors unless it succeeded. */
  async ok<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<TData> {
    const response = await this.request<TData>(query, variables);
    if (response.body.errors?.length || !response.body.data) {
      throw new Error(`Expected success, got HTTP ${response.status}: ${JSON.stringify(response.body.errors)}`);
    }
    return response.body.data;
  }
}

export function errorCode(response: GraphQLResponse): string | undefined {
  return response.body.errors?.[0]?.extensions?.code;
}
