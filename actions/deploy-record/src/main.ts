import { runAction } from '@shipshape/kit/action';
import { run } from './run';

void runAction(run);
