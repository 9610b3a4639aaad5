import { describe, expect, it } from 'vitest';
import { classifySink, describeUrl, isLoopbackHost, isRelativeShape, joinBase } from './url.js';

describe('URL shapes', () => {
  it('reads scheme and host from a literal prefix', () => {
    expect(describeUrl(['http://api.example.com/u?id=', null])).toEqual({ url: 'http://api.example.com/u?id=${…}', scheme: 'http', host: 'api.example.com' });
    expect(describeUrl(['WS://Signal.Example.com:8080/ws'])).toMatchObject({ scheme: 'ws', host: 'signal.example.com' });
    expect(describeUrl(['http://user:pw@h.example.com/'])).toMatchObject({ host: 'h.example.com' });
    expect(describeUrl(['ws://[::1]:9229/x'])).toMatchObject({ scheme: 'ws', host: '[::1]' });
  });

  it('leaves the host unknown when a hole follows it directly', () => {
    expect(describeUrl(['http://', null, '.example.com/'])).toEqual({ url: 'http://${…}.example.com/', scheme: 'http', host: undefined });
    expect(describeUrl(['http://api', null])).toMatchObject({ scheme: 'http', host: undefined });
    expect(describeUrl([null, '/x'])).toEqual({ url: '${…}/x', scheme: undefined });
    expect(describeUrl(undefined)).toEqual({});
  });

  it('joins relative paths to a base the way axios does', () => {
    expect(joinBase(['http://b.example.com/v1/'], ['/users/', null])).toEqual(['http://b.example.com/v1/users/', null]);
    expect(isRelativeShape(['/users'])).toBe(true);
    expect(isRelativeShape(['https://x'])).toBe(false);
    expect(isRelativeShape(['//cdn.example.com/x'])).toBe(false);
    expect(isRelativeShape([null, '/x'])).toBe(false);
  });

  it('knows loopback hosts', () => {
    for (const h of ['localhost', 'LOCALHOST.', 'api.localhost', '127.0.0.1', '127.255.1.2', '[::1]', '::1']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['localhost.example.com', '127.0.0.1.example.com', '128.0.0.1', '127.0.0.256', '10.0.0.1', '0.0.0.0', '[::2]']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });

  it('classifies sinks', () => {
    expect(classifySink({ kind: 'fetch', scheme: 'http', host: 'a.example.com' })).toBe('cleartext');
    expect(classifySink({ kind: 'fetch', scheme: 'http' })).toBe('cleartext');
    expect(classifySink({ kind: 'websocket', scheme: 'ws', host: '127.0.0.1' })).toBe('loopback');
    expect(classifySink({ kind: 'websocket', scheme: 'wss', host: 'a' })).toBe('https');
    expect(classifySink({ kind: 'fetch' })).toBe('unknown');
    expect(classifySink({ kind: 'rtc-sdk', vendor: 'agora' })).toBe('rtc');
  });
});
