/** Response shapes of the Livepush REST API, as documented. Fields Livepush may add are allowed. */

/** The signed-in user: `GET /account/this` on the Accounts API. */
export interface LivepushUser {
  id: string;
  username: string;
  name: string;
  email: string;
  /** URL of the user's avatar image. */
  avatar: string;
  ns: string;
  isDisabled: boolean;
  createdAt: string;
  preferences: Record<string, unknown>;
  billingInfo: { email: string; name: string };
}

/** One subscription: `GET /account/subscriptions`. The shape is not documented beyond "an array". */
export type LivepushSubscription = Record<string, unknown> & { id?: string };

/** A stream's processing zone, as `GET /streams/{id}` returns it. */
export interface LivepushZone {
  category: string;
  host: string;
  isPublic: boolean;
  isDefault: boolean;
}

/** One stream: `GET /streams/mine` items and `GET /streams/{id}`. */
export interface LivepushStream {
  /** `st_…` */
  id: string;
  metadata: { name: string; category?: StreamCategory } & Record<string, unknown>;
  createdAt: string;
  isDisabled?: boolean;
  config: Record<string, unknown>;
  destinations: unknown[];
  /** A `zn_…` id on creation, an object elsewhere (as documented). */
  zone: string | LivepushZone;
}

/** The body of `POST /streams`. */
export interface CreateStreamInput {
  name: string;
  category: StreamCategory;
}

/** The two stream categories Livepush documents. */
export type StreamCategory = 'simulcast' | 'schedule';

/** The `201` body of `POST /streams`. */
export interface CreatedStream extends LivepushStream {
  chatId: string;
  embedId: string;
  unsafeContent?: boolean;
  hasValidated?: boolean;
}

/** A saved destination: `GET /streams/me/destinations` items. */
export interface LivepushDestination {
  /** `pb_…` */
  id: string;
  appName: string;
  label: string;
  rtmpBase: string;
  oauth: unknown;
  updatedAt: string;
  isPinned: boolean;
  isDisabled: boolean;
}

/** A recording: `GET /streams/me/recordings` items. */
export type LivepushRecording = Record<string, unknown> & { id: string };

/**
 * What the VOD import API reads from a video file: `POST /inspector/get_metadata` on
 * `vod-web-import-api`. Units are not documented; the mock answers seconds and bytes.
 */
export interface LivepushVideoMetadata {
  id: string;
  /** Length of the video. */
  duration: number;
  /** Size of the file. */
  size: number;
  /** Container format, e.g. `mp4`. */
  container: string;
  /** Video codec, e.g. `h264`. */
  videoCodec: string;
  /** Audio codec, e.g. `aac`. */
  audioCodec: string;
}
