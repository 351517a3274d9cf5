import { repairCommand } from '../repair-command.js';

export const run = repairCommand('normalize');
