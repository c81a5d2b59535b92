import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { readKml } from '../../../../../main/sources/interchange/readKml';
import { importErrorOf, tempDir } from './interchangeTestKit';

const t = tempDir();
afterAll(() => t.cleanup());
const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>人民路口摄像机</name><ExtendedData><Data name="朝向"><value>90</value></Data></ExtendedData><Point><coordinates>110.8,32.6,0</coordinates></Point></Placemark>
<Placemark><name>雨水管</name><LineString><coordinates>110.8,32.6 110.801,32.601</coordinates></LineString></Placemark>
</Document></kml>`;

describe('readKml', () => {
  it('reads KML placemarks with names and extended data', () => {
    const file = join(t.dir, 'a.kml');
    writeFileSync(file, kml);
    const d = readKml(file);
    expect(d.format).toBe('kml');
    expect(d.features).toHaveLength(2);
    expect(d.features[0]).toMatchObject({ geometry: { type: 'Point', coordinates: [110.8, 32.6, 0] }, properties: { name: '人民路口摄像机', 朝向: '90' } });
    expect(d.geometryType).toBe('Mixed');
  });

  it('reads KMZ', () => {
    const file = join(t.dir, 'a.kmz');
    writeFileSync(file, zipSync({ 'doc.kml': Buffer.from(kml) }));
    expect(readKml(file).features[1]!.geometry).toEqual({ type: 'LineString', coordinates: [[110.8, 32.6], [110.801, 32.601]] });
  });

  it('broken XML is an ImportError', async () => {
    const file = join(t.dir, 'bad.kml');
    writeFileSync(file, '<kml><Document><Placemark></Document>');
    const e = await importErrorOf(() => readKml(file));
    expect(e.message).toMatch(/bad\.kml.*invalid XML/);
  });
});
