import { expectTypeOf, test } from 'vitest';
import {
  DEFAULT_CLIENT,
  LIVEPUSH_MOCK_SCOPES,
  type MockFault,
  type MockLivepush,
  type MockLivepushOptions,
  type MockStats,
  startMockLivepush,
} from '../src/index';

test('startMockLivepush takes optional options and resolves to a MockLivepush', () => {
  expectTypeOf(startMockLivepush).parameter(0).toEqualTypeOf<MockLivepushOptions | undefined>();
  expectTypeOf(startMockLivepush).returns.resolves.toEqualTypeOf<MockLivepush>();
});

test('the endpoints object has the SDK option shape', () => {
  expectTypeOf<MockLivepush['endpoints']>().toEqualTypeOf<{
    authorize: string;
    token: string;
    accountsApi: string;
    streamsApi: string;
    vodImportApi: string;
    issuer: string;
  }>();
  expectTypeOf<ReturnType<MockLivepush['stats']>>().toEqualTypeOf<MockStats>();
});

test('DEFAULT_CLIENT carries literal credentials', () => {
  expectTypeOf(DEFAULT_CLIENT.clientId).toEqualTypeOf<'livepush-demo-client'>();
  expectTypeOf(DEFAULT_CLIENT.clientSecret).toEqualTypeOf<'livepush-demo-secret-not-for-production'>();
  expectTypeOf(LIVEPUSH_MOCK_SCOPES[0].scope).toEqualTypeOf<'profile.read'>();
});

test('faults are a discriminated union', () => {
  expectTypeOf<{ on: 'token'; kind: 'drop' }>().toExtend<MockFault>();
  expectTypeOf<{
    on: 'api';
    kind: 'status';
    status: 503;
    retryAfterSeconds: 5;
    times: 2;
  }>().toExtend<MockFault>();
  // @ts-expect-error a delay needs its duration
  const missingMs: MockFault = { on: 'token', kind: 'delay' };
  // @ts-expect-error faults target token, api or authorize only
  const badTarget: MockFault = { on: 'consent', kind: 'drop' };
  expectTypeOf(missingMs).toEqualTypeOf<MockFault>();
  expectTypeOf(badTarget).toEqualTypeOf<MockFault>();
  expectTypeOf<MockLivepush['issueTokens']>()
    .returns.toHaveProperty('token_type')
    .toEqualTypeOf<'access_token'>();
});
