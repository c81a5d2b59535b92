import type { FeedConfig } from './monitoringRuntime';

export class FeedConfigError extends Error {
  override name = 'FeedConfigError';
}

/**
 * Feed receivers from command-line values (--sl651-port, --sl651-host, --mqtt) falling back to the environment
 * (CITYOPS_SL651_PORT, CITYOPS_SL651_HOST, CITYOPS_MQTT_URL). Both are off unless configured. Bad values throw naming
 * the option.
 */
export function feedConfigFrom(values: { sl651Port?: string; sl651Host?: string; mqtt?: string }, env: NodeJS.ProcessEnv = process.env): FeedConfig {
  const portText = values.sl651Port ?? env.CITYOPS_SL651_PORT;
  const host = values.sl651Host ?? env.CITYOPS_SL651_HOST;
  const mqtt = values.mqtt ?? env.CITYOPS_MQTT_URL;
  const config: FeedConfig = {};
  if (portText !== undefined && portText !== '') {
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new FeedConfigError(`--sl651-port: '${portText}' is not a port number (0–65535)`);
    config.sl651 = { port, ...(host ? { host } : {}) };
  } else if (host) throw new FeedConfigError('--sl651-host needs --sl651-port');
  if (mqtt !== undefined && mqtt !== '') {
    if (!/^(mqtts?|wss?|tcp|ssl):\/\/[^/\s]+/.test(mqtt)) throw new FeedConfigError(`--mqtt: '${mqtt}' is not a broker URL (e.g. mqtt://127.0.0.1:1883)`);
    config.mqtt = { url: mqtt };
  }
  return config;
}
