<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- SPDX-License-Identifier: MIT -->
<!-- locality: style of the localities layer (localities.geojson, localities.gpkg). A template: the
     program writes one category per locality (qualitative palette), and the label expression
     (locality, residents, cases) from the fields the layer has. -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="locality" symbollevels="0" enableorderby="0" forceraster="0">
    <!-- Template: the program writes one category and one symbol per locality, with colours of the
         qualitative palette in order; this single entry is what it copies. -->
    <categories>
      <category render="true" symbol="0" value="1" label="Locality 1" type="long"/>
    </categories>
    <symbols>
      <symbol type="fill" name="0" alpha="0.85" clip_to_extent="1" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option type="QString" name="name" value=""/>
            <Option name="properties"/>
            <Option type="QString" name="type" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="color" value="190,190,190,255"/>
            <Option type="QString" name="joinstyle" value="bevel"/>
            <Option type="QString" name="offset" value="0,0"/>
            <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="offset_unit" value="MM"/>
            <Option type="QString" name="outline_color" value="40,40,40,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.5"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="style" value="solid"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option name="properties"/>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
    <source-symbol>
      <symbol type="fill" name="0" alpha="0.85" clip_to_extent="1" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option type="QString" name="name" value=""/>
            <Option name="properties"/>
            <Option type="QString" name="type" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option type="QString" name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="color" value="190,190,190,255"/>
            <Option type="QString" name="joinstyle" value="bevel"/>
            <Option type="QString" name="offset" value="0,0"/>
            <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="offset_unit" value="MM"/>
            <Option type="QString" name="outline_color" value="40,40,40,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.5"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="style" value="solid"/>
          </Option>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option name="properties"/>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </source-symbol>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="concat('Locality ', &quot;locality&quot;)" isExpression="1" fontSize="9" fontSizeUnit="Point" fontWeight="75"
                  fontItalic="0" textColor="20,20,20,255" textOpacity="1" namedStyle="Bold"
                  fontFamily="DejaVu Sans" multilineHeight="1" blendMode="0" previewBkgrdColor="255,255,255,255"
                  fontLetterSpacing="0" fontWordSpacing="0" fontCapitals="0" fontUnderline="0" fontStrikeout="0"
                  allowHtml="0" textOrientation="horizontal" capitalization="0" fontKerning="1"
                  fontSizeMapUnitScale="3x:0,0,0,0,0,0" useSubstitutions="0">
        <families/>
        <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255"
                     bufferOpacity="0.9" bufferNoFill="1" bufferJoinStyle="128" bufferBlendMode="0"
                     bufferSizeMapUnitScale="3x:0,0,0,0,0,0"/>
        <text-mask maskEnabled="0" maskType="0" maskSize="0" maskSizeUnits="MM" maskOpacity="1" maskJoinStyle="128"
                   maskSizeMapUnitScale="3x:0,0,0,0,0,0" maskedSymbolLayers=""/>
        <background shapeDraw="0"/>
        <shadow shadowDraw="0"/>
        <dd_properties>
          <Option type="Map">
            <Option type="QString" name="name" value=""/>
            <Option name="properties"/>
            <Option type="QString" name="type" value="collection"/>
          </Option>
        </dd_properties>
        <substitutions/>
      </text-style>
      <text-format wrapChar="" multilineAlign="1" autoWrapLength="0" useMaxLineLengthForAutoWrap="1"
                   reverseDirectionSymbol="0" addDirectionSymbol="0" formatNumbers="0" decimals="3" plussign="0"
                   rightDirectionSymbol=">" leftDirectionSymbol="&lt;" placeDirectionSymbol="0"/>
      <placement placement="0" centroidWhole="1" centroidInside="1" fitInPolygonOnly="0" priority="5"
                 offsetType="0" xOffset="0" yOffset="0" offsetUnits="MM" dist="0" distUnits="MM"
                 quadOffset="4" repeatDistance="0" repeatDistanceUnits="MM" maxCurvedCharAngleIn="25"
                 maxCurvedCharAngleOut="-25" rotationAngle="0" preserveRotation="1" layerType="PolygonGeometry"
                 overrunDistance="0" overrunDistanceUnit="MM" geometryGenerator="" geometryGeneratorEnabled="0"
                 geometryGeneratorType="PointGeometry" placementFlags="10" polygonPlacementFlags="2"
                 lineAnchorPercent="0.5" lineAnchorType="0" lineAnchorClipping="0"
                 labelOffsetMapUnitScale="3x:0,0,0,0,0,0" distMapUnitScale="3x:0,0,0,0,0,0"
                 predefinedPositionOrder="TR,TL,BR,BL,R,L,TSR,BSR" overrunDistanceMapUnitScale="3x:0,0,0,0,0,0"
                 repeatDistanceMapUnitScale="3x:0,0,0,0,0,0"/>
      <rendering drawLabels="1" obstacle="1" obstacleType="1" obstacleFactor="1" displayAll="0"
                 upsidedownLabels="0" limitNumLabels="0" maxNumLabels="2000" minFeatureSize="0"
                 mergeLines="0" labelPerPart="0" scaleVisibility="0" scaleMin="0" scaleMax="0"
                 fontMinPixelSize="3" fontMaxPixelSize="10000" fontLimitPixelSize="0" zIndex="0"
                 unplacedVisibility="0"/>
      <dd_properties>
        <Option type="Map">
          <Option type="QString" name="name" value=""/>
          <Option name="properties"/>
          <Option type="QString" name="type" value="collection"/>
        </Option>
      </dd_properties>
    </settings>
  </labeling>
  <layerGeometryType>2</layerGeometryType>
</qgis>
