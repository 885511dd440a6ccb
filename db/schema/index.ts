export * from './enums';
export * from './moas';
export * from './users';
export * from './ppas';
export * from './work-items';
export * from './alerts';
export * from './notifications';
export * from './plans';
