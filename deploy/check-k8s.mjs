// Validates every document of the given YAML files against the Kubernetes API schemas that the
// kubernetes-models package ships, by apiVersion and kind.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

let failures = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      console.error(`${file}: not YAML: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const object = doc.toJS();
    const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
    const module = `kubernetes-models/${group ? group + "/" : ""}${version}/${object.kind}`;
    const Model = (await import(module))[object.kind];
    try {
      new Model(object).validate();
      console.log(`${file}: ${object.apiVersion} ${object.kind} ${object.metadata.name}: valid`);
    } catch (e) {
      console.error(`${file}: ${object.kind} ${object.metadata?.name}: ${e.message}`);
      failures++;
    }
  }
}
process.exit(failures === 0 ? 0 : 1);
