// Declarations only (see RCTBridgeModule.h), with React Native's view-property macros.
#pragma once
#import <React/RCTBridgeModule.h>
#import <React/RCTView.h>
#import <React/RCTConvert.h>
@interface RCTViewManager : NSObject <RCTBridgeModule>
@property (nonatomic, weak) RCTBridge *bridge;
- (UIView *)view;
@end
#define RCT_EXPORT_VIEW_PROPERTY(name, type) \
  +(NSArray<NSString *> *)propConfig_##name RCT_DYNAMIC { return @[ @ #type ]; }
#define RCT_REMAP_VIEW_PROPERTY(name, keyPath, type) \
  +(NSArray<NSString *> *)propConfig_##name RCT_DYNAMIC { return @[ @ #type, @ #keyPath ]; }
#define RCT_CUSTOM_VIEW_PROPERTY(name, type, viewClass) \
  RCT_REMAP_VIEW_PROPERTY(name, __custom__, type) -(void)set_##name : (id)json forView : (viewClass *)view withDefaultView : (viewClass *)defaultView RCT_DYNAMIC
