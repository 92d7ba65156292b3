// Greedy generation with llama.cpp (through node-llama-cpp 3.21.1) from a GGUF file exported by
// `sheepop export --format gguf`: llama.cpp's own tokenizer encodes the prompt. Prints the prompt's ids, the
// generated ids and their text as JSON.
//     node llama_greedy.mjs MODEL.gguf PROMPT NEW_TOKENS
import {getLlama} from "node-llama-cpp";
const [modelPath, prompt, n] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const llama = await getLlama({gpu: false, build: "never"});
const model = await llama.loadModel({modelPath});
const context = await model.createContext({contextSize: model.trainContextSize});
const sequence = context.getSequence();
const tokens = model.tokenize(prompt, true);
const out = [];
for await (const token of sequence.evaluate(tokens, {temperature: 0})) {
    out.push(token);
    if (out.length >= n) break;
}
console.log(JSON.stringify({prompt: Array.from(tokens), tokens: out, text: model.detokenize(out)}));
