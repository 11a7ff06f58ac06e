import { defineEventHandler } from 'h3';
import { answerLivepushRoute } from './context';
import { livepushAuth } from './instance';

// `{basePath}/**`: the core's routes (login, callback, logout, session, api/*).
export default defineEventHandler((event) => answerLivepushRoute(event, livepushAuth()));
