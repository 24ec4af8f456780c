export * from './approval';
export * from './authority';
export * from './autoTrigger';
export * from './orderMachine';
export * from './points';
export * from './sla';
export * from './stateMachine';
