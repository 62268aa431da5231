/** The path the app reads its run-time configuration from, on the site that served it. */
export const CONFIG_PATH = '/config.json';
