// The cases module's public face: other modules import only this.
export * from './case.machine.ts';
