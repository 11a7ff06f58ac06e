import { randomBytes } from 'node:crypto';
import type { MockUser } from './types';

/** A processing region, as `GET /streams/{id}` shows it (`zone` object). */
export interface Zone {
  id: string;
  category: string;
  host: string;
  isPublic: boolean;
  isDefault: boolean;
}

/** A saved destination, as `GET /streams/me/destinations` returns it. */
export interface Destination {
  id: string;
  appName: string;
  label: string;
  rtmpBase: string;
  oauth: boolean;
  updatedAt: string;
  isPinned: boolean;
  isDisabled: boolean;
}

/** A stream as the mock stores it; rendered by {@link renderStream}. */
export interface StoredStream {
  id: string;
  chatId: string;
  embedId: string;
  createdAt: string;
  isDisabled: boolean;
  metadata: { name: string; category: StreamCategory };
  config: { pullUrlMaxRetry: number; recordingTier: string; scheduler?: { playlist: string[] } };
  destinations: { id: string; isEnabled: boolean }[];
  zoneId: string;
  unsafeContent: boolean;
  hasValidated: boolean;
}

/** The stream categories `POST /streams` accepts. */
export type StreamCategory = 'simulcast' | 'schedule';

/** A subscription as `GET /account/subscriptions` returns it (shape inferred: undocumented). */
export interface Subscription {
  id: string;
  plan: string;
  status: 'active' | 'canceled';
  interval: 'month' | 'year';
  currentPeriodStart: string;
  currentPeriodEnd: string;
  createdAt: string;
}

/** A recording, as `GET /streams/me/recordings` returns it (documented fields, sample values). */
export interface Recording {
  id: string;
  _id: string;
  user: string;
  stream: string;
  streamKey: string;
  time: string;
  duration: number;
  size: number;
}

/** Everything the API slice keeps for one user. */
export interface UserData {
  streams: StoredStream[];
  destinations: Destination[];
  subscriptions: Subscription[];
  recordings: Recording[];
}

/** The default fake user's id (a MongoDB-style id, like Livepush's `_id` fields). */
export const DEFAULT_USER_ID = '64b7f3a2c9e77a0012d4e5f1';

/** Another user who owns {@link OTHER_USERS_STREAM_ID}, so "not your stream" answers 404. */
export const OTHER_USER_ID = '64b7f3a2c9e77a0012d4e9aa';

/** A stream that exists but belongs to {@link OTHER_USER_ID}. */
export const OTHER_USERS_STREAM_ID = 'st_9d1c0e4b7a2f4c11';

/** The regions streams run in. */
export const ZONES: readonly Zone[] = [
  {
    id: 'zn_eu_central_1',
    category: 'standard',
    host: 'eu-central-1.ingest.livepush.io',
    isPublic: true,
    isDefault: true,
  },
  {
    id: 'zn_us_east_1',
    category: 'standard',
    host: 'us-east-1.ingest.livepush.io',
    isPublic: true,
    isDefault: false,
  },
];

/** The default zone new streams land in. */
export const DEFAULT_ZONE_ID = 'zn_eu_central_1';

/** The fake signed-in user, with `avatar` served by the mock at `baseUrl`. */
export function defaultUser(baseUrl: string): MockUser {
  return {
    id: DEFAULT_USER_ID,
    username: 'ada',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    avatar: `${baseUrl}/avatars/${DEFAULT_USER_ID}.svg`,
    ns: 'ada-lovelace',
    isDisabled: false,
    createdAt: '2023-07-19T10:24:02.000Z',
    preferences: { language: 'en', theme: 'dark', timezone: 'Europe/London' },
    billingInfo: { email: 'billing@example.com', name: 'Ada Lovelace' },
  };
}

function stream(
  id: string,
  name: string,
  category: StreamCategory,
  createdAt: string,
  extra: Partial<StoredStream> = {},
): StoredStream {
  return {
    id,
    chatId: `ch_${id.slice(3)}`,
    embedId: `em_${id.slice(3)}`,
    createdAt,
    isDisabled: false,
    metadata: { name, category },
    config: { pullUrlMaxRetry: 3, recordingTier: 'standard' },
    destinations: [],
    zoneId: DEFAULT_ZONE_ID,
    unsafeContent: false,
    hasValidated: true,
    ...extra,
  };
}

function seedFor(userId: string): UserData {
  if (userId === OTHER_USER_ID) {
    return {
      streams: [stream(OTHER_USERS_STREAM_ID, 'Not your stream', 'simulcast', '2024-01-05T09:00:00.000Z')],
      destinations: [],
      subscriptions: [],
      recordings: [],
    };
  }
  return {
    streams: [
      stream('st_4f8a2c1e9b3d7a60', 'Friday Night Live', 'simulcast', '2024-02-02T19:30:00.000Z', {
        destinations: [
          { id: 'pb_1a2b3c4d5e6f7081', isEnabled: true },
          { id: 'pb_8f7e6d5c4b3a2910', isEnabled: false },
        ],
      }),
      stream('st_7b21e0d4c6a95f12', 'Weekly Podcast Replay', 'schedule', '2024-03-11T08:00:00.000Z', {
        zoneId: 'zn_us_east_1',
        config: { pullUrlMaxRetry: 5, recordingTier: 'premium' },
      }),
      stream('st_c03e5a9f18b2d474', 'Studio Test Feed', 'simulcast', '2024-04-20T14:15:00.000Z', {
        isDisabled: true,
        hasValidated: false,
      }),
    ],
    destinations: [
      {
        id: 'pb_1a2b3c4d5e6f7081',
        appName: 'youtube',
        label: 'Ada on YouTube',
        rtmpBase: 'rtmp://a.rtmp.youtube.com/live2',
        oauth: true,
        updatedAt: '2024-02-01T12:00:00.000Z',
        isPinned: true,
        isDisabled: false,
      },
      {
        id: 'pb_8f7e6d5c4b3a2910',
        appName: 'twitch',
        label: 'Twitch main channel',
        rtmpBase: 'rtmp://live.twitch.tv/app',
        oauth: false,
        updatedAt: '2024-02-03T18:45:00.000Z',
        isPinned: false,
        isDisabled: false,
      },
    ],
    subscriptions: [
      {
        id: 'sub_5e2d7c9a1b4f6038',
        plan: 'pro',
        status: 'active',
        interval: 'month',
        currentPeriodStart: '2024-05-01T00:00:00.000Z',
        currentPeriodEnd: '2024-06-01T00:00:00.000Z',
        createdAt: '2023-08-01T00:00:00.000Z',
      },
      {
        id: 'sub_0c9b8a7d6e5f4321',
        plan: 'starter',
        status: 'canceled',
        interval: 'month',
        currentPeriodStart: '2023-07-19T00:00:00.000Z',
        currentPeriodEnd: '2023-08-01T00:00:00.000Z',
        createdAt: '2023-07-19T10:30:00.000Z',
      },
    ],
    recordings: [
      {
        id: 'rc_2e4f6a8c0b1d3f57',
        _id: '65c0d1e2f3a4b5c6d7e8f901',
        user: userId,
        stream: 'st_4f8a2c1e9b3d7a60',
        streamKey: 'sk_4f8a2c1e',
        time: '2024-02-02T21:02:11.000Z',
        duration: 5412,
        size: 1_482_113_024,
      },
    ],
  };
}

/** In-memory data of the API slice, per user, seeded lazily and reseeded by {@link DataStore.reseed}. */
export class DataStore {
  readonly #users = new Map<string, UserData>();

  constructor() {
    this.reseed();
  }

  /** Forgets every change and seeds the two known users again. */
  reseed(): void {
    this.#users.clear();
    this.#users.set(OTHER_USER_ID, seedFor(OTHER_USER_ID));
  }

  /** The data of `userId`, seeded on first use. */
  forUser(userId: string): UserData {
    let data = this.#users.get(userId);
    if (data === undefined) {
      data = seedFor(userId);
      this.#users.set(userId, data);
    }
    return data;
  }

  /** Creates a stream for `userId`. */
  createStream(
    userId: string,
    input: { name: string; category: StreamCategory },
    createdAt: string,
  ): StoredStream {
    const id = `st_${randomBytes(8).toString('hex')}`;
    const created = stream(id, input.name, input.category, createdAt, { hasValidated: false });
    this.forUser(userId).streams.push(created);
    return created;
  }
}

function zoneObject(zoneId: string): Omit<Zone, 'id'> {
  const zone = ZONES.find((candidate) => candidate.id === zoneId) ?? ZONES[0]!;
  return { category: zone.category, host: zone.host, isPublic: zone.isPublic, isDefault: zone.isDefault };
}

/** A stream as `GET /streams/mine` and `GET /streams/{id}` show it: `zone` is an object. */
export function renderStream(stored: StoredStream): Record<string, unknown> {
  return {
    id: stored.id,
    chatId: stored.chatId,
    embedId: stored.embedId,
    metadata: stored.metadata,
    createdAt: stored.createdAt,
    isDisabled: stored.isDisabled,
    config: stored.config,
    destinations: stored.destinations,
    zone: zoneObject(stored.zoneId),
    unsafeContent: stored.unsafeContent,
    hasValidated: stored.hasValidated,
  };
}

/** A stream as `POST /streams` answers it: `zone` is the zone id string (as documented). */
export function renderCreatedStream(stored: StoredStream): Record<string, unknown> {
  return {
    id: stored.id,
    chatId: stored.chatId,
    embedId: stored.embedId,
    createdAt: stored.createdAt,
    metadata: stored.metadata,
    config: stored.config,
    destinations: stored.destinations,
    zone: stored.zoneId,
    unsafeContent: stored.unsafeContent,
    hasValidated: stored.hasValidated,
  };
}
