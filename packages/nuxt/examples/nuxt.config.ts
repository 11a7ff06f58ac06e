// nuxt.config.ts
import { defineNuxtConfig } from 'nuxt/config';

export default defineNuxtConfig({
  modules: ['@livepush/auth-nuxt'],
  livepush: { scopes: ['profile.read', 'streams.read'] }, // secrets from NUXT_LIVEPUSH_* env
});
