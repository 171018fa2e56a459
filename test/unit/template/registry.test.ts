import { FILTERS } from '../../../engine/template/filters';
import { LOOKUPS } from '../../../engine/template/lookups';
import { TESTS } from '../../../engine/template/tests';

/** The filters, tests and lookups playbooks commonly use are all there (a missing one fails a play). */
const filters = `default d mandatory bool int float string list join split replace lower upper capitalize title trim
  center indent wordwrap format round abs regex_replace regex_search regex_findall regex_escape map select reject
  selectattr rejectattr unique union intersect difference symmetric_difference flatten sort dictsort min max sum length
  count first last random shuffle combine dict2items items2dict zip zip_longest product subelements extract to_json
  to_nice_json from_json to_yaml to_nice_yaml from_yaml b64encode b64decode hash checksum md5 sha1 password_hash
  basename dirname expanduser realpath relpath splitext quote ternary type_debug urlsplit comment`;
const tests = `defined undefined none string number integer float boolean mapping sequence iterable sameas equalto eq
  ne lt gt le ge in match search regex version version_compare succeeded success failed failure changed skipped truthy
  falsy file directory exists link abs subset superset contains divisibleby even odd lower upper`;
const lookups = 'file env template pipe fileglob vars items lines first_found password';

const names = (s: string) => s.split(/\s+/).filter(Boolean);

it.each(names(filters))('filter %s exists', (n) => expect(typeof FILTERS[n]).toBe('function'));
it.each(names(tests))('test %s exists', (n) => expect(typeof TESTS[n]).toBe('function'));
it.each(names(lookups))('lookup %s exists', (n) => expect(typeof LOOKUPS[n]).toBe('function'));
