// The in-process fuzz targets: name -> module under fuzz/targets/ (each exports
// `fuzz(data)`), and the parser it covers.
export const IN_PROCESS_TARGETS: Record<string, string> = {
  'keyrot-nonce': 'harness/model/keyrot/packet.ts parseNonce',
  'epoch-recv': 'harness/model/epoch/endpoint.ts recv',
  'oap-header': 'harness/model/oap/hdr.ts decodeHeader',
  'oap-server': 'harness/model/oap/server.ts OapServer.process',
  'oap-client': 'harness/model/oap/client.ts OapClient.complete',
  'oap-keys': 'harness/crypto x509.ts parseCert, kex.ts spkiDecode; harness/model/oap/config.ts kemKeyAlgorithm',
  'psp-packet': 'harness/model/psp/packet.ts checkPacket, open',
  'psp-decap': 'harness/model/psp/encap.ts decap',
  'prod-wire': 'harness/model/prod/wire.ts decode',
  'prod-site': 'harness/model/prod/site.ts Site.incoming',
  'adapter-lines': 'adapters/transport/lines.ts LineSplitter',
  'shim-request': 'adapters/reference/shim.ts serveStream + every op handler',
  'vector-file': 'harness/vectors/load.ts parseVectorFile',
  expectations: 'harness/runner/expectations.ts loadExpectations, findEntry',
};
