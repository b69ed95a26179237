// TEMPORARY local workaround, not to be kept
import { TypeDefsFederation2Decorator } from '@nestjs/graphql/dist/federation/type-defs-federation2.decorator.js';
const proto = TypeDefsFederation2Decorator.prototype as unknown as { decorate(t: string, c?: object): string };
const orig = proto.decorate;
proto.decorate = function (t: string, c?: object) { return orig.call(this, t, { ...c, importUrl: 'https://specs.apollo.dev/federation/v2.12' }); };
