import { XMLParser } from 'fast-xml-parser';
new XMLParser({ ignoreAttributes: false }).parse('<testsuite><testcase name="a"/></testsuite>');
