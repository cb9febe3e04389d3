// Every check, in an order where each comes after what it needs.
import type { CheckDefinition } from '../check';
import { authCheck } from './auth';
import { clockCheck } from './clock';
import { configCheck } from './config';
import { dnsCheck } from './dns';
import { environmentCheck } from './environment';
import { httpCheck } from './http';
import { inferenceCheck } from './inference';
import { proxyCheck } from './proxy';
import { rateLimitsCheck } from './rate-limits';
import { sdkVersionsCheck } from './sdk-versions';
import { statusPageCheck } from './status-page';
import { tcpCheck } from './tcp';
import { tlsCheck } from './tls';

export const ALL_CHECKS: CheckDefinition[] = [
  configCheck,
  proxyCheck,
  dnsCheck,
  tcpCheck,
  tlsCheck,
  httpCheck,
  clockCheck,
  authCheck,
  rateLimitsCheck,
  inferenceCheck,
  statusPageCheck,
  sdkVersionsCheck,
  environmentCheck,
];
