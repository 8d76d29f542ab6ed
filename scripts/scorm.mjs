// The course packages (`make scorm`): adder-lab-scorm12.zip and adder-lab-scorm2004.zip, from the
// release build (dist/) and the launch page's build (scorm.html). Each zip holds imsmanifest.xml
// at its root (SCORM 1.2, or SCORM 2004 4th edition), one SCO that launches the lesson track
// (scorm/index.html, which frames the app and reports to the LMS: src/scorm_main.rs), and every
// file the app loads, each listed in the manifest; nothing is fetched from elsewhere.
//
//   node scripts/scorm.mjs <dist> <launch page build> <output folder> [--score]
// --score: the packages report a score (predictions that matched the run, of 12); by default
// they report completion and progress only.
import { readFile, readdir, writeFile, mkdir, rm, cp } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import path from 'node:path';

const [dist, launch, out, ...flags] = process.argv.slice(2);
if (!dist || !launch || !out) throw new Error('usage: scorm.mjs <dist> <launch build> <output folder> [--score]');
const scored = flags.includes('--score');

/** Every file under `folder` (dot-files skipped), relative with `/`, sorted. */
async function files(folder, prefix = '') {
  const found = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix + entry.name;
    if (entry.isDirectory()) found.push(...(await files(path.join(folder, entry.name), relative + '/')));
    else found.push(relative);
  }
  return found.sort();
}

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const TITLE = 'Adder Lab: stateless and stateful programs on Kubernetes';

/** The manifest of one edition, listing `listed` as the SCO's files. */
function manifest(edition, listed, score) {
  const old = edition === '1.2';
  const launchHref = `scorm/index.html?scorm=${old ? '1.2' : '2004'}${score ? '&amp;score=1' : ''}`;
  const fileLines = listed.map((file) => `      <file href="${escape(file)}"/>`).join('\n');
  // The editions differ in their namespaces, their version's words and one attribute's case.
  const [namespaces, version, scormType] = old
    ? [
        `xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"`,
        '1.2',
        'scormtype',
      ]
    : [
        `xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"`,
        '2004 4th Edition',
        'scormType',
      ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="adder-lab" version="1"
  ${namespaces}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${version}</schemaversion>
  </metadata>
  <organizations default="adder-lab-course">
    <organization identifier="adder-lab-course">
      <title>Adder Lab</title>
      <item identifier="adder-lab-lessons" identifierref="adder-lab-sco">
        <title>${escape(TITLE)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="adder-lab-sco" type="webcontent" adlcp:${scormType}="sco" href="${launchHref}">
${fileLines}
    </resource>
  </resources>
</manifest>
`;
}

// CRC-32 (the zip format's), by table.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

/** A zip of `entries` ([name, bytes]), deflated, with a fixed date so a build is repeatable. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  const [time, date] = [0, (2026 - 1980) << 9 | 1 << 5 | 1];
  for (const [name, bytes] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(bytes, { level: 9 });
    const [method, body] = deflated.length < bytes.length ? [8, deflated] : [0, bytes];
    const crc = crc32(bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(bytes.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(bytes.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// The package's files: the app as built, and the launch page in scorm/.
const contents = new Map();
for (const file of await files(dist)) contents.set(file, await readFile(path.join(dist, file)));
for (const file of await files(launch)) contents.set(`scorm/${file}`, await readFile(path.join(launch, file)));
const listed = [...contents.keys()].sort();
await mkdir(out, { recursive: true });
for (const [edition, name] of [['1.2', 'adder-lab-scorm12'], ['2004', 'adder-lab-scorm2004']]) {
  const entries = [['imsmanifest.xml', Buffer.from(manifest(edition, listed, scored))], ...listed.map((file) => [file, contents.get(file)])];
  const archive = zip(entries);
  await writeFile(path.join(out, `${name}.zip`), archive);
  // The same files unzipped, for the end-to-end test's LMS and for a look.
  const folder = path.join(out, name);
  await rm(folder, { recursive: true, force: true });
  for (const [file, bytes] of entries) {
    await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
    await writeFile(path.join(folder, file), bytes);
  }
  console.log(`${name}.zip: ${entries.length} files, ${archive.length} bytes${scored ? ', with a score' : ''}`);
}
