// Raw NDJSON echo: the floor any shim's per-message cost is compared with.
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => {
  buf += c;
  let out = '';
  let i;
  while ((i = buf.indexOf('\n')) >= 0) {
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    if (!line) continue;
    const id = JSON.parse(line).id;
    out += id === 1
      ? `{"id":1,"ok":true,"result":{"version":1,"implementation":{"name":"echo","version":"0"},"ops":[]}}\n`
      : `{"id":${id},"ok":true,"result":{}}\n`;
  }
  if (out) process.stdout.write(out);
});
