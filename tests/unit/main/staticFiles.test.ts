import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentTypeOf, resolveStaticFile } from '../../../main/staticFiles';
import { tempDir } from '../../helpers/tempStore';

const t = tempDir();
const root = join(t.dir, 'www');
mkdirSync(join(root, 'a'), { recursive: true });
writeFileSync(join(root, 'index.html'), 'i');
writeFileSync(join(root, 'a', 'b c.js'), 'x');
writeFileSync(join(t.dir, 'secret.txt'), 's');
afterAll(() => t.cleanup());

describe('resolveStaticFile', () => {
  it('maps paths below the root, decoding them, and / to index.html', () => {
    expect(resolveStaticFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticFile(root, '/a/b%20c.js')).toBe(join(root, 'a', 'b c.js'));
  });
  it.each(['/../secret.txt', '/a/../../secret.txt', '/%2e%2e/secret.txt', '/a%2f..%2f..%2fsecret.txt', '/.hidden', '/%', '/a/%00', '/missing'])('refuses %s', (p) => {
    expect(resolveStaticFile(root, p)).toBeNull();
  });
  it('knows the content types the map needs', () => {
    expect(contentTypeOf('x.wasm')).toBe('application/wasm');
    expect(contentTypeOf('x.terrain')).toBe('application/vnd.quantized-mesh');
    expect(contentTypeOf('x.JPG')).toBe('image/jpeg');
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
  });
});
