export * from './profile.ts';
export * from './tree.ts';
export * from './packet.ts';
