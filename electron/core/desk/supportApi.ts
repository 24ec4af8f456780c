// The support commands of ConsoleApi over a SupportDesk: arguments checked with the contract's
// schemas (hosts check them too, but tests and the headless host call the core directly), and
// every refusal turned into a rejected promise with the desk's message.
import type {
  ConsoleCommands,
  Countersign,
  EmergencyDispatch,
  SupportSetup,
  UnitOrderCommand,
} from '../../../shared/contract/ConsoleApi';
import { parseCommandArgs } from '../../../shared/contract/commandArgs';
import type { Grade, IncidentDraft } from '../../../shared/domain/incidents';
import type { SupportDesk } from './SupportDesk';

export const SUPPORT_COMMANDS = [
  'getSupportSetup',
  'listIncidents',
  'createIncident',
  'regradeIncident',
  'closeIncident',
  'handOverCommand',
  'requestSupport',
  'evaluatePackage',
  'approveSupport',
  'confirmEmergency',
  'rejectSupport',
  'cancelSupport',
  'releaseSupport',
  'listSupport',
  'getSupportTimeline',
  'getUnitStatuses',
  'orderUnit',
  'listSuggestions',
  'dismissSuggestion',
] as const;
export type SupportCommandName = (typeof SUPPORT_COMMANDS)[number];
export type SupportCommands = Pick<ConsoleCommands, SupportCommandName>;
export type SupportArgs<K extends SupportCommandName> = Parameters<SupportCommands[K]>;

function call<T>(name: SupportCommandName, args: unknown[], fn: (a: unknown[]) => T): Promise<T> {
  try {
    return Promise.resolve(fn(parseCommandArgs(name, args)));
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

const str = (v: unknown): string => v as string;
const strs = (v: unknown): string[] => v as string[];

export function supportApi(desk: SupportDesk): SupportCommands {
  return {
    getSupportSetup: (): Promise<SupportSetup> => call('getSupportSetup', [], () => desk.setup()),
    listIncidents: () => call('listIncidents', [], () => desk.listIncidents()),
    createIncident: (...a) =>
      call('createIncident', a, ([d]) => desk.createIncident(d as IncidentDraft)),
    regradeIncident: (...a) =>
      call('regradeIncident', a, ([id, g]) => desk.regradeIncident(str(id), g as Grade)),
    closeIncident: (...a) =>
      call('closeIncident', a, ([id, why]) => desk.closeIncident(str(id), str(why))),
    handOverCommand: (...a) =>
      call('handOverCommand', a, ([id, to, why]) =>
        desk.handOverCommand(str(id), str(to), str(why)),
      ),
    requestSupport: (...a) => call('requestSupport', a, ([id]) => desk.requestSupport(str(id))),
    evaluatePackage: (...a) =>
      call('evaluatePackage', a, ([id, u]) => desk.evaluatePackage(str(id), strs(u))),
    approveSupport: (...a) =>
      call('approveSupport', a, ([id, u, c]) =>
        desk.approveSupport(str(id), strs(u), c as Countersign | EmergencyDispatch | undefined),
      ),
    confirmEmergency: (...a) =>
      call('confirmEmergency', a, ([id]) => desk.confirmEmergency(str(id))),
    rejectSupport: (...a) =>
      call('rejectSupport', a, ([id, why]) => desk.rejectSupport(str(id), str(why))),
    cancelSupport: (...a) =>
      call('cancelSupport', a, ([id, why]) => desk.cancelSupport(str(id), str(why))),
    releaseSupport: (...a) => call('releaseSupport', a, ([id]) => desk.releaseSupport(str(id))),
    listSupport: () => call('listSupport', [], () => desk.listSupport()),
    getSupportTimeline: (...a) =>
      call('getSupportTimeline', a, ([id]) => desk.getSupportTimeline(str(id))),
    getUnitStatuses: () => call('getUnitStatuses', [], () => desk.getUnitStatuses()),
    orderUnit: (...a) =>
      call('orderUnit', a, ([id, o]) => desk.orderUnit(str(id), o as UnitOrderCommand)),
    listSuggestions: () => call('listSuggestions', [], () => desk.listSuggestions()),
    dismissSuggestion: (...a) =>
      call('dismissSuggestion', a, ([id]) => desk.dismissSuggestion(str(id))),
  };
}
