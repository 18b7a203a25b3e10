export * from './wire.ts';
export * from './profile.ts';
export * from './site.ts';
