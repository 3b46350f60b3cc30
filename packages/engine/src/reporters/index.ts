export * from './csv.ts';
export * from './ocsf.ts';
export * from './asff.ts';
export * from './html.ts';
export * from './writer.ts';
