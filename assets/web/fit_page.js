// The fit page's 3D view: the body and one draped size, coloured by a fit map, turned with the mouse.
// Reads the JSON in <script id="fit-data"> (written by viewer/fit_page_data.py); the page's import map
// resolves "three" and "three/addons/OrbitControls.js" to the copies inlined in the page.
import * as THREE from "three";
import { OrbitControls } from "three/addons/OrbitControls.js";

const data = JSON.parse(document.getElementById("fit-data").textContent);
const viewer = document.getElementById("viewer");

function decode(text, ArrayType) {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return new ArrayType(bytes.buffer);
}

function geometry(positions, indices) {
  const shape = new THREE.BufferGeometry();
  shape.setAttribute("position", new THREE.BufferAttribute(decode(positions, Float32Array), 3));
  shape.setIndex(new THREE.BufferAttribute(decode(indices, Uint32Array), 1));
  shape.computeVertexNormals();
  return shape;
}

// Linear-light colours of each map's ramp (the page's ramps are sRGB bytes).
function linearRamp(scale) {
  const bytes = decode(scale.ramp, Uint8Array);
  const ramp = new Float32Array(bytes.length);
  const colour = new THREE.Color();
  for (let i = 0; i < bytes.length; i += 3) {
    colour.setRGB(bytes[i] / 255, bytes[i + 1] / 255, bytes[i + 2] / 255, THREE.SRGBColorSpace);
    ramp.set([colour.r, colour.g, colour.b], i);
  }
  return ramp;
}

const ramps = Object.fromEntries(Object.entries(data.scales).map(([name, s]) => [name, linearRamp(s)]));
const fabric = new THREE.Color(data.colours.fabric);

// Per-vertex colours (V*3) of one size under one map; values outside the range take the end colours.
function vertexColours(size, mapName) {
  const count = size.geometry.attributes.position.count;
  const colours = new Float32Array(count * 3);
  if (mapName === "none") {
    for (let v = 0; v < count; v++) colours.set([fabric.r, fabric.g, fabric.b], v * 3);
    return colours;
  }
  const values = decode(size.maps[mapName], Float32Array);
  const [low, high] = data.scales[mapName].clim;
  const ramp = ramps[mapName];
  const steps = ramp.length / 3;
  for (let v = 0; v < count; v++) {
    const value = values[v];
    if (!Number.isFinite(value)) {
      colours.set([fabric.r, fabric.g, fabric.b], v * 3);
      continue;
    }
    const t = Math.min(Math.max((value - low) / (high - low), 0), 1);
    const step = Math.round(t * (steps - 1)) * 3;
    colours.set([ramp[step], ramp[step + 1], ramp[step + 2]], v * 3);
  }
  return colours;
}

const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
renderer.setPixelRatio(window.devicePixelRatio);
viewer.prepend(renderer.domElement);

const scene = new THREE.Scene();
scene.background = new THREE.Color(data.colours.background);
scene.add(new THREE.HemisphereLight(0xffffff, 0x8a8580, 1.6));
const camera = new THREE.PerspectiveCamera(30, 1, 0.01, 50);
const headlight = new THREE.DirectionalLight(0xffffff, 1.9);
headlight.position.set(0.4, 0.6, 1);
camera.add(headlight);
scene.add(camera);

const bodyGeometry = geometry(data.body.positions, data.body.indices);
const skin = new THREE.MeshStandardMaterial({ color: data.colours.skin, roughness: 0.75, metalness: 0 });
scene.add(new THREE.Mesh(bodyGeometry, skin));

const cloth = new THREE.MeshStandardMaterial({
  vertexColors: true,
  roughness: 0.85,
  metalness: 0,
  side: THREE.DoubleSide,
});
const sizes = data.sizes.map((size) => {
  const entry = { ...size, geometry: geometry(size.positions, size.indices) };
  entry.mesh = new THREE.Mesh(entry.geometry, cloth);
  entry.mesh.visible = false;
  scene.add(entry.mesh);
  return entry;
});

// Frame the whole body from the front, a little above, as the viewer's front camera does.
bodyGeometry.computeBoundingBox();
const box = bodyGeometry.boundingBox;
const centre = box.getCenter(new THREE.Vector3());
const extent = box.getSize(new THREE.Vector3());
const controls = new OrbitControls(camera, renderer.domElement);
controls.target.copy(centre);

function frame() {
  const halfTan = Math.tan(THREE.MathUtils.degToRad(camera.fov / 2));
  const fit = Math.max(extent.y / 2 / halfTan, extent.x / 2 / (halfTan * camera.aspect));
  const distance = 1.08 * fit + extent.z / 2;
  const elevation = THREE.MathUtils.degToRad(8);
  camera.position.set(0, Math.sin(elevation), Math.cos(elevation)).multiplyScalar(distance).add(centre);
  controls.update();
}

function render() {
  renderer.render(scene, camera);
}
controls.addEventListener("change", render);

let current = { size: data.initial_size, map: data.initial_map };

function drawColourBar(mapName) {
  const bar = document.getElementById("colour-bar");
  bar.hidden = mapName === "none";
  if (bar.hidden) return;
  const scale = data.scales[mapName];
  const bytes = decode(scale.ramp, Uint8Array);
  const stops = [];
  for (let i = 0; i <= 16; i++) {
    const step = Math.round((i / 16) * (bytes.length / 3 - 1)) * 3;
    stops.push(`rgb(${bytes[step]},${bytes[step + 1]},${bytes[step + 2]}) ${(i / 16) * 100}%`);
  }
  bar.querySelector(".ramp").style.background = `linear-gradient(to top, ${stops.join(",")})`;
  bar.querySelector(".title").textContent = scale.title;
  const ticks = bar.querySelector(".ticks");
  ticks.replaceChildren();
  const [low, high] = scale.clim;
  for (let i = 0; i < scale.ticks; i++) {
    const tick = document.createElement("span");
    tick.textContent = (low + ((high - low) * i) / (scale.ticks - 1)).toFixed(0);
    tick.style.bottom = `${(i / (scale.ticks - 1)) * 100}%`;
    ticks.append(tick);
  }
}

function mark(selector, attribute, value) {
  for (const element of document.querySelectorAll(selector)) {
    element.classList.toggle("current", element.dataset[attribute] === String(value));
  }
}

function show(sizeIndex, mapName) {
  current = { size: sizeIndex, map: mapName };
  sizes.forEach((size, index) => {
    size.mesh.visible = index === sizeIndex;
  });
  const size = sizes[sizeIndex];
  size.geometry.setAttribute("color", new THREE.BufferAttribute(vertexColours(size, mapName), 3));
  drawColourBar(mapName);
  mark("[data-size]", "size", sizeIndex);
  mark("[data-map]", "map", mapName);
  for (const picture of document.querySelectorAll(".pattern-picture")) {
    picture.hidden = picture.dataset.size !== String(sizeIndex);
  }
  render();
}

function button(label, dataset, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  Object.assign(element.dataset, dataset);
  element.addEventListener("click", onClick);
  return element;
}

document.getElementById("size-buttons").append(
  ...sizes.map((size, index) => button(size.size, { size: index }, () => show(index, current.map))),
);
document.getElementById("map-buttons").append(
  ...data.map_order.map((name) => button(name, { map: name }, () => show(current.size, name))),
);
for (const heading of document.querySelectorAll("th.size")) {
  heading.addEventListener("click", () => show(Number(heading.dataset.size), current.map));
}
// The live viewer's keys: 1-9 pick a size, h cycles the map.
window.addEventListener("keydown", (event) => {
  const number = Number(event.key);
  if (number >= 1 && number <= sizes.length) show(number - 1, current.map);
  if (event.key === "h") {
    const order = data.map_order;
    show(current.size, order[(order.indexOf(current.map) + 1) % order.length]);
  }
});

function resize() {
  const { width, height } = viewer.getBoundingClientRect();
  renderer.setSize(width, height);
  camera.aspect = width / Math.max(height, 1);
  camera.updateProjectionMatrix();
  render();
}
new ResizeObserver(resize).observe(viewer);
resize();
frame();
show(current.size, current.map);
document.getElementById("viewer-message").hidden = true;
document.body.dataset.ready = "true";
