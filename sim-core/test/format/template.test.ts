import { describe, expect, it } from "vitest";
import { GO_TYPE, renderTemplate, TemplateError } from "../../src/format/template";

const client = { Version: "28.2.2", ApiVersion: "1.50", Os: "linux", Arch: "amd64", Components: null };
const data = { Client: client, Server: null };
const render = (f: string, d: unknown = data) => renderTemplate(f, d);
const failure = (f: string, d: unknown = data, name = "") => {
  try {
    renderTemplate(f, d, { name });
  } catch (e) {
    if (e instanceof TemplateError) return `${e.phase}: ${e.message}`;
    throw e;
  }
  return "no error";
};

describe("Go templates as docker --format runs them", () => {
  // Each expectation below was printed by a real docker CLI (`docker version --format '…'`).
  it.each([
    ['{{printf "%5s|" "a"}}', "    a|"],
    ["{{len .Client.Version}}", "6"],
    ["{{index .Client.Version 0}}", "50"],
    ['{{pad "a" 1 2}}|', " a  |"],
    ['{{truncate "abcdef" 3}}', "abc"],
    ['{{split "a,b" ","}}', "[a b]"],
    ['{{join (split "a,b" ",") "-"}}', "a-b"],
    ['{{title "hello world"}}', "Hello World"],
    ["{{.Server}}", "<nil>"],
    ['{{if eq .Client.Os "linux"}}L{{else}}N{{end}}', "L"],
    ["{{ .Client.Os -}}   x", "linuxx"],
    ["{{$v := .Client.Os}}{{$v}}", "linux"],
    ['{{ .Client.Os | upper | printf "%q"}}', '"LINUX"'],
    ['{{printf "%v %d %s" 1 2}}', "1 2 %!s(MISSING)"],
    ['{{ 3 }} {{ `raw` }} {{ 1.5 }} {{ true }}', "3 raw 1.5 true"],
    ['{{lt 1 2}} {{and 1 0}} {{or 0 "x"}} {{not 0}}', "true 0 x true"],
    ["{{.Client.Version | len}}", "6"],
    ["{{slice .Client.Version 1 3}}", "8."],
    ['{{println "a"}}|', "a\n|"],
    ['{{print "a" 1 2 "b" "c"}}', "a1 2bc"],
    ["{{json .Client}}", '{"Version":"28.2.2","ApiVersion":"1.50","Os":"linux","Arch":"amd64","Components":null}'],
    ["{{range .Client.Components}}x{{end}}", ""],
  ])("%s", (format, expected) => {
    expect(render(format)).toBe(expected);
  });

  it("ranges over lists, maps (sorted keys) and ints, with else, break and continue", () => {
    const d = { L: ["a", "b", "c"], M: { z: 1, a: 2 }, E: [] };
    expect(render("{{range $i, $v := .L}}{{$i}}={{$v}} {{end}}", d)).toBe("0=a 1=b 2=c ");
    expect(render("{{range $k, $v := .M}}{{$k}}:{{$v}},{{end}}", d)).toBe("a:2,z:1,");
    expect(render("{{range .E}}x{{else}}empty{{end}}", d)).toBe("empty");
    expect(render('{{range .L}}{{if eq . "b"}}{{continue}}{{end}}{{if eq . "c"}}{{break}}{{end}}{{.}}{{end}}', d)).toBe("a");
    expect(render("{{range 3}}{{.}}{{end}}", d)).toBe("012");
    expect(render("{{.M}} {{.L}}", d)).toBe("map[a:2 z:1] [a b c]");
  });

  it("with, else if, comments and trim markers", () => {
    const d = { A: "", B: "b" };
    expect(render("{{with .B}}[{{.}}]{{end}}{{with .A}}no{{else}}none{{end}}", d)).toBe("[b]none");
    expect(render('{{if .A}}a{{else if .B}}b{{else}}c{{end}}', d)).toBe("b");
    expect(render("x {{- /* a comment */ -}} y", d)).toBe("xy");
  });

  it("calls methods of a context with their arguments, and names the type when a field is missing", () => {
    const ctx = { [GO_TYPE]: "*formatter.networkContext", ID: () => "abc", Label: (name: string) => (name === "env" ? "prod" : "") };
    expect(render('{{.ID}} {{.Label "env"}}', ctx)).toBe("abc prod");
    expect(failure("{{.Foo}}", ctx)).toBe('exec: template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.networkContext');
    expect(failure("{{.Label}}", ctx)).toBe('exec: template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 0');
  });

  it("a missing map key prints <no value>, or fails with missingkey=error", () => {
    expect(render("{{.Nope}}", { A: 1 })).toBe("<no value>");
    expect(() => renderTemplate("{{.Nope}}", { A: 1 }, { missingKey: "error" })).toThrow('template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"');
  });

  it("reports parse errors in Go's words", () => {
    expect(failure("{{.Client.Version", data, "version")).toBe("parse: template: version:1: unclosed action");
    expect(failure("{{nope .}}", data, "version")).toBe('parse: template: version:1: function "nope" not defined');
    expect(failure("{{.Name}")).toBe('parse: template: :1: unexpected "}" in operand');
    expect(failure("{{if .A}}x")).toBe("parse: template: :1: unexpected EOF");
    expect(failure("{{end}}")).toBe("parse: template: :1: unexpected {{end}}");
    expect(failure("{{}}")).toBe("parse: template: :1: missing value for command");
    expect(failure("{{$x}}")).toBe('parse: template: :1: undefined variable "$x"');
    expect(failure("a\n{{if}}")).toBe("parse: template: :2: missing value for if");
  });

  it("reports execution errors with line and column", () => {
    expect(failure('{{index .L 5}}', { L: [1] })).toBe('exec: template: :1:2: executing "" at <index .L 5>: error calling index: index out of range: 5');
    expect(failure('{{upper 1 2}}', {})).toBe('exec: template: :1:2: executing "" at <upper>: wrong number of args for upper: want 1 got 2');
    expect(failure("x\n {{.A.B}}", { A: null })).toBe('exec: template: :2:3: executing "" at <.A.B>: nil pointer evaluating interface {}.B');
  });
});
