export * from './approval';
export * from './auditChain';
export * from './authority';
export * from './autoTrigger';
export * from './orderMachine';
export * from './points';
export * from './sla';
export * from './stateMachine';
