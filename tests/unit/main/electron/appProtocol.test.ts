import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../../main/electron/appProtocol';
import { TileService } from '../../../../main/sources/tiles/tileService';
import { paths } from '../../../helpers/tempStore';

const handler = createAppProtocolHandler(join(paths.root, 'renderer'), new TileService({ naturalearth: paths.naturalEarthDir }));

describe('app:// protocol', () => {
  it('serves the renderer with the CSP and tiles without a token (IPC is the border in Electron)', async () => {
    const page = await handler(new Request('app://cityops/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const tile = await handler(new Request('app://cityops/tiles/naturalearth/0/0/0.jpg'));
    expect(tile.status).toBe(200);
    expect(tile.headers.get('content-type')).toBe('image/jpeg');
  });
  it('answers 404 for other hosts, unknown tile sources and escapes', async () => {
    expect((await handler(new Request('app://evil/index.html'))).status).toBe(404);
    expect((await handler(new Request('app://cityops/tiles/nope/0/0/0.jpg'))).status).toBe(404);
    expect((await handler(new Request('app://cityops/%2e%2e/package.json'))).status).toBe(404);
  });
});
