/**
 * Replaced at build time by scripts/build.mjs (esbuild `define`) with the `version` of
 * apps/api/package.json, so the bundle carries one string instead of the whole package.json (with
 * its dependency lists) that an import of the file would add.
 */
declare const __GATEHOUSE_API_VERSION__: string | undefined;

/** Sources run unbundled (tests, `tsx`) have no build step to inject the version. */
export const UNBUILT_VERSION = '0.0.0-unbuilt';

/** The version the API reports on `GET /health`: the package's, injected when the bundle is built. */
export const API_VERSION: string =
  typeof __GATEHOUSE_API_VERSION__ === 'string' ? __GATEHOUSE_API_VERSION__ : UNBUILT_VERSION;
